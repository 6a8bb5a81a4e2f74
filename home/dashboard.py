"""What the admin tells editors. The dashboard answers their first questions: the submissions
inbox (for reviewers), the next three events, resources whose links are broken, pages not yet
in Spanish, Spanish translations to finish or publish, Spanish pages behind the English, and
pages nobody has touched in a year. Each panel links to the place where the editor acts, and
each costs one or two queries however large the site grows (tests/editors/test_dashboard.py
holds it to that)."""

import datetime

from django.db.models import Case, Count, F, Max, Value, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventIndexPage, EventPage
from forms.inbox import inbox_counts
from forms.models import Submission
from forms.permissions import can_review
from resources.models import LinkCheck

from .translation_status import Status, status_field, status_label, with_statuses

LISTED = 5
WEEKS_CHARTED = 8
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


class InboxPanel(DashboardPanel):
    """The submissions inbox at a glance, for reviewers: how many are new, in progress,
    assigned to this reviewer, and in the spam folder, and how many came in each of the last
    eight weeks."""

    template_name = "home/dashboard/inbox.html"
    order = 90

    def data(self, request):
        weeks = submissions_per_week(WEEKS_CHARTED)
        busiest = max(count for _week, count in weeks) or 1
        return {
            "counts": inbox_counts(request.user),
            # (Monday, count, bar height and top in the chart's 0-40 units, bar's left edge)
            "weeks": [
                (monday, count, 40 * count / busiest, 40 - 40 * count / busiest, index * 12)
                for index, (monday, count) in enumerate(weeks)
            ],
        }


def submissions_per_week(number):
    """[(Monday of the week, submissions that week)] for the last `number` weeks in the site's
    time zone, oldest first, spam left out, weeks with none included: one query."""
    today = timezone.localdate()
    this_monday = today - datetime.timedelta(days=today.weekday())
    mondays = [this_monday - datetime.timedelta(weeks=ago) for ago in reversed(range(number))]
    start = timezone.make_aware(datetime.datetime.combine(mondays[0], datetime.time()))
    counted = (
        Submission.objects.exclude(status=Submission.Status.SPAM)
        .filter(submit_time__gte=start)
        .annotate(week=TruncWeek("submit_time"))
        .values("week")
        .annotate(count=Count("pk"))
    )
    per_week = {timezone.localtime(row["week"]).date(): row["count"] for row in counted}
    return [(monday, per_week.get(monday, 0)) for monday in mondays]


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
        panels.append(InboxPanel())
    if PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        panels += [UpcomingEventsPanel(), BrokenLinksPanel(), TranslationsPanel()]
        panels.append(StalePagesPanel())
    elif user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationsPanel())
