from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import widgets

from . import announcement_admin
from .models import EventPage


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
