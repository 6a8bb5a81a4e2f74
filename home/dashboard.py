"""What the admin tells editors. The dashboard answers their first questions: new form
submissions (for reviewers), the next three events, resources whose links are broken, pages not
yet in Spanish, Spanish translations to finish or publish, Spanish pages behind the English, and
pages nobody has touched in a year. Each panel links to the place where the editor acts, and
each costs one or two queries however large the site grows (tests/editors/test_dashboard.py
holds it to that)."""

import datetime

from django.db.models import Case, Count, F, Max, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventIndexPage, EventPage
from forms import audit
from forms.models import Submission
from forms.permissions import can_review
from resources.models import LinkCheck

from .translation_status import Status, status_field, status_label, with_statuses

LISTED = 5
UPCOMING_EVENTS = 3
STALE_AFTER = datetime.timedelta(days=365)
TRANSLATION_LANGUAGE = "es"
# Translations finished and waiting to be published, or begun and not finished.
DRAFTS = (Status.UNPUBLISHED, Status.IN_PROGRESS, Status.NOT_STARTED)


class DashboardPanel(Component):
    """A panel whose template gets the request and what `data(request)` returns."""

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"request": request, **self.data(request)}

    def counted(self, queryset):
        """How many rows there are, and the first few (the panel links to the full list)."""
        return {"total": queryset.count(), "rows": list(queryset[:LISTED])}


class NewSubmissionsPanel(DashboardPanel):
    """Per form, the answers that came in since this reviewer last opened or exported that
    form's submissions (Wagtail's audit log records both, forms/audit.py)."""

    template_name = "home/dashboard/new_submissions.html"
    order = 90

    def data(self, request):
        last_seen = (
            PageLogEntry.objects.filter(
                page=OuterRef("page"), user=request.user, action__in=[audit.VIEW, audit.EXPORT]
            )
            .order_by("-timestamp")
            .values("timestamp")[:1]
        )
        forms = (
            Submission.objects.exclude(status=Submission.Status.SPAM)
            .annotate(last_seen=Subquery(last_seen))
            .filter(Q(last_seen__isnull=True) | Q(submit_time__gt=F("last_seen")))
            .values("page_id", "page__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "page__title")
        )
        return {"forms": list(forms)}


class UpcomingEventsPanel(DashboardPanel):
    """The next three meetings, in the site's main language (their translations follow them)."""

    template_name = "home/dashboard/upcoming_events.html"
    order = 100

    def data(self, request):
        default = Locale.get_default()
        return {
            "events": list(EventPage.objects.filter(locale=default).upcoming()[:UPCOMING_EVENTS]),
            "event_index": EventIndexPage.objects.filter(locale=default).only("id").first(),
        }


class BrokenLinksPanel(DashboardPanel):
    """Resources whose external link was broken when the link check last ran."""

    template_name = "home/dashboard/broken_links.html"
    order = 110

    def data(self, request):
        broken = LinkCheck.objects.filter(
            outcome=LinkCheck.Outcome.BROKEN, url=F("page__external_url")
        )
        fields = ("page_id", "page__title", "url", "status_code", "error")
        found = self.counted(broken.values(*fields).order_by("page__title"))
        # Never "every link worked" before any check has run: say when the last one did.
        found["last_checked"] = LinkCheck.objects.aggregate(last=Max("checked_at"))["last"]
        return found


class TranslationsPanel(DashboardPanel):
    """English pages with no Spanish copy, Spanish copies not finished or not yet published, and
    Spanish copies behind their English page, in the words of the Translation status report
    (home/translation_status.py), each linked to the translation editor."""

    template_name = "home/dashboard/translations.html"
    order = 120

    def data(self, request):
        target = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
        if target is None:
            return {"language": None}
        status = status_field(target)
        pages = with_statuses([target]).order_by("path")
        totals = dict(pages.order_by().values_list(status).annotate(count=Count("pk")))
        listed = {"translation_id": F(f"translation_{status}")}
        missing = pages.filter(**{status: Status.MISSING}).values("id", "title", **listed)
        return {
            "language": target,
            "missing_total": totals.get(Status.MISSING, 0),
            "missing": list(missing[:LISTED]),
            "drafts_total": sum(totals.get(value, 0) for value in DRAFTS),
            "drafts": self.translations(pages, target, DRAFTS),
            "behind_total": totals.get(Status.OUT_OF_DATE, 0),
            "behind": self.translations(pages, target, [Status.OUT_OF_DATE]),
        }

    def translations(self, pages, target, statuses):
        """The first few pages whose translation has one of `statuses`, with its status in words
        and the translation's id (its edit address is the translation editor)."""
        status = status_field(target)
        # In the order given: the nearest to done (waiting to be published) first.
        first = Case(
            *[When(**{status: value}, then=Value(rank)) for rank, value in enumerate(statuses)]
        )
        found = pages.filter(**{f"{status}__in": statuses}).order_by(first, "path")
        found = found.only("id", "title")[:LISTED]
        return [
            {
                "title": page.title,
                "translation_id": getattr(page, f"translation_{status}"),
                "status": getattr(page, status),
                "label": status_label(page, target),
            }
            for page in found
        ]


class StalePagesPanel(DashboardPanel):
    """Live pages last published more than a year ago, oldest first."""

    template_name = "home/dashboard/stale_pages.html"
    order = 130

    def data(self, request):
        stale = Page.objects.filter(
            live=True, depth__gt=1, last_published_at__lt=timezone.now() - STALE_AFTER
        )
        fields = ("id", "title", "last_published_at")
        return self.counted(stale.order_by("last_published_at").only(*fields))


@hooks.register("construct_homepage_panels")
def add_editorial_dashboard_panels(request, panels):
    """The panels this person can act on."""
    user = request.user
    if can_review(user):
        panels.append(NewSubmissionsPanel())
    if PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        panels += [UpcomingEventsPanel(), BrokenLinksPanel(), TranslationsPanel()]
        panels.append(StalePagesPanel())
    elif user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationsPanel())
