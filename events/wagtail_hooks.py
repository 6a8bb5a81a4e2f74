"""Admin for meeting series: a snippet (Snippets › Meeting series) whose edit form has a
"Save and create the dates" action, which puts the coming dates on the site at once rather
than at the next daily run of `generate_meetings`. And each meeting's "Announcements" button:
what its announcement emails became, and a resend of the failed ones."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import widgets
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from . import announcement_admin
from .models import EventPage, MeetingSeries
from .series import generate

GENERATE_ACTION = "action-generate"


class GenerateMenuItem(ActionMenuItem):
    name = GENERATE_ACTION
    label = _("Save and create the dates")
    icon_name = "date"


@hooks.register("register_snippet_action_menu_item")
def register_generate_menu_item(model):
    return GenerateMenuItem(order=5) if model is MeetingSeries else None


class GenerateOnSaveMixin:
    """After saving, with the "Save and create the dates" button: create the dates now, if the
    editor may publish pages under the series' community page (the dates are published)."""

    def save_instance(self):
        instance = super().save_instance()
        if GENERATE_ACTION in self.request.POST and not self.expects_json_response:
            self.generate(instance)
        return instance

    def generate(self, series):
        permissions = series.community.permissions_for_user(self.request.user)
        if not permissions.can_publish_subpage():
            messages.error(
                self.request,
                _(
                    "The series was saved, but you may not publish pages under “%(page)s”: "
                    "its dates will be created at the next daily run."
                )
                % {"page": series.community.title},
            )
            return
        report = generate(series)
        messages.success(
            self.request,
            ngettext("%(count)d date created.", "%(count)d dates created.", len(report.created))
            % {"count": len(report.created)},
        )
        if report.left_for_editors:
            messages.warning(
                self.request,
                _("These moved dates have a draft waiting; change their time on their page: %s")
                % ", ".join(day.isoformat() for day in report.left_for_editors),
            )


class MeetingSeriesCreateView(GenerateOnSaveMixin, CreateView):
    pass


class MeetingSeriesEditView(GenerateOnSaveMixin, EditView):
    pass


class MeetingSeriesViewSet(SnippetViewSet):
    model = MeetingSeries
    icon = "date"
    menu_label = _("Meeting series")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "community", "frequency", "weekday", "start_time", "time_zone"]
    add_view_class = MeetingSeriesCreateView
    edit_view_class = MeetingSeriesEditView


register_snippet(MeetingSeriesViewSet)


@hooks.register("register_admin_urls")
def register_announcement_urls():
    return [
        path(
            "events/<int:page_id>/announcements/",
            announcement_admin.report,
            name="events_announcements",
        ),
        path(
            "events/<int:page_id>/announcements/<int:announcement_id>/resend/",
            announcement_admin.resend_failed,
            name="events_announcements_resend",
        ),
    ]


@hooks.register("register_page_header_buttons")
def announcements_button(page, user, view_name, next_url=None):
    if page.specific_class is EventPage and page.permissions_for_user(user).can_edit():
        yield widgets.Button(
            _("Announcements"),
            reverse("events_announcements", args=[page.pk]),
            icon_name="mail",
            priority=70,
        )


@hooks.register("register_log_actions")
def register_announcement_log_actions(actions):
    actions.register_action(
        announcement_admin.RESEND_ACTION,
        _("Resend announcement emails"),
        _("Failed announcement emails sent again"),
    )
