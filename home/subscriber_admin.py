"""The list of meeting subscribers in the admin, for submission reviewers only (they hold the
same kind of personal data as submissions): counts by status, filters by status and language,
and a spreadsheet export that is safe to open. Every reading and export is in the audit log,
on the registration form's history, with counts and no address."""

import csv
import io

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.models import Locale

from events.models import Subscriber
from forms import audit
from forms.exports import UTF8_BOM, neutralise
from forms.inbox import ReviewersMenuItem, ReviewersOnly
from forms.models import FormPage

VIEW = "home.view_subscribers"
EXPORT = "home.export_subscribers"
ACTIONS = {
    VIEW: (
        _("View meeting subscribers"),
        lambda n: ngettext(
            "Viewed %(count)d meeting subscriber", "Viewed %(count)d meeting subscribers", n
        ),
    ),
    EXPORT: (
        _("Export meeting subscribers"),
        lambda n: ngettext(
            "Exported %(count)d meeting subscriber", "Exported %(count)d meeting subscribers", n
        ),
    ),
}


def record(action, count, user):
    """On the history of each form that subscribes people (in the site's main language)."""
    pages = FormPage.objects.filter(subscribes_to_meetings=True, locale=Locale.get_default())
    for page in pages:
        audit.record(page, action, count, user=user)


class SubscriberFilters(forms.Form):
    """From the query string; a value no choice has is ignored."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Every status")), *Subscriber.Status.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Every language")), *settings.LANGUAGES],
    )

    def filtered(self, subscribers):
        if not self.is_valid():
            return subscribers
        if self.cleaned_data["status"]:
            subscribers = subscribers.filter(status=self.cleaned_data["status"])
        if self.cleaned_data["language"]:
            subscribers = subscribers.filter(language=self.cleaned_data["language"])
        return subscribers


EXPORT_COLUMNS = [
    ("email", _("Email")),
    ("language", _("Language")),
    ("status", _("Status")),
    ("time_zone", _("Time zone")),
    ("created_at", _("Registered")),
    ("confirmed_at", _("Confirmed")),
    ("unsubscribed_at", _("Unsubscribed")),
]


def cell(subscriber, name):
    if name == "status":
        return subscriber.get_status_display()
    value = getattr(subscriber, name)
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return neutralise(value or "")


class SubscribersView(ReviewersOnly, TemplateView):
    template_name = "home/admin/subscribers.html"
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        filters = SubscriberFilters(request.GET)
        rows = filters.filtered(Subscriber.objects.order_by("-created_at", "-pk"))
        if request.GET.get("export") == "csv":
            return self.export(rows)
        page = Paginator(rows, self.paginate_by).get_page(request.GET.get("p"))
        record(VIEW, len(page.object_list), request.user)
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")))
        query = request.GET.copy()
        query.pop("p", None)
        export = query.copy()
        export["export"] = "csv"
        return self.render_to_response(
            self.get_context_data(
                filters=filters,
                subscribers=page,
                total=page.paginator.count,
                counts=[
                    (label, counts.get(value, 0)) for value, label in Subscriber.Status.choices
                ],
                query=query.urlencode(),
                export_url=f"?{export.urlencode()}",
                **kwargs,
            )
        )

    def export(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(label) for _name, label in EXPORT_COLUMNS])
        count = 0
        for subscriber in rows.iterator():
            writer.writerow([cell(subscriber, name) for name, _label in EXPORT_COLUMNS])
            count += 1
        record(EXPORT, count, self.request.user)
        response = HttpResponse(UTF8_BOM + buffer.getvalue().encode(), content_type="text/csv")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="meeting-subscribers-{stamp}.csv"'
        return response


@hooks.register("register_admin_urls")
def register_subscriber_urls():
    return [path("subscribers/", SubscribersView.as_view(), name="home_subscribers")]


@hooks.register("register_admin_menu_item")
def register_subscribers_menu_item():
    # Next to the submissions inbox and the spam folder (orders 699 and 701).
    return ReviewersMenuItem(
        _("Meeting subscribers"), reverse("home_subscribers"), icon_name="group", order=702
    )


@hooks.register("register_log_actions")
def register_subscriber_log_actions(actions):
    for action, (label, _message) in ACTIONS.items():
        formatter = type("Formatter", (audit.CountFormatter,), {"label": label, "actions": ACTIONS})
        actions.register_action(action)(formatter)
