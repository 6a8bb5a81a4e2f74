"""What the admin tells editors. The dashboard answers their first questions: new form
submissions (for reviewers), the next three events, resources whose links are broken, pages not
yet in Spanish or whose Spanish is behind the English, and pages nobody has touched in a year.
Each panel links to the place where the editor acts, and each costs one or two queries however
large the site grows (tests/editors/test_dashboard.py holds it to that). In the page editor: a
live character count on limited fields, and a warning when a page is saved without a summary."""

import datetime

from django.contrib import messages
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventPage
from forms import audit
from forms.models import Submission
from forms.permissions import can_review
from resources.models import LinkCheck

from .translation_status import MISSING, OUT_OF_DATE, status_field, with_statuses

LISTED = 5
UPCOMING_EVENTS = 3
STALE_AFTER = datetime.timedelta(days=365)
TRANSLATION_LANGUAGE = "es"


class DashboardPanel(Component):
    order = 100

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["request"] = parent_context["request"]
        return context


class NewSubmissionsPanel(DashboardPanel):
    """Per form, the answers that came in since this reviewer last opened or exported that
    form's submissions (Wagtail's audit log records both, forms/audit.py)."""

    name = "care_new_submissions"
    template_name = "home/dashboard/new_submissions.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        last_seen = (
            PageLogEntry.objects.filter(
                page=OuterRef("page"),
                user=context["request"].user,
                action__in=[audit.VIEW, audit.EXPORT],
            )
            .order_by("-timestamp")
            .values("timestamp")[:1]
        )
        context["forms"] = list(
            Submission.objects.annotate(last_seen=Subquery(last_seen))
            .filter(Q(last_seen__isnull=True) | Q(submit_time__gt=F("last_seen")))
            .values("page_id", "page__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "page__title")
        )
        return context


class UpcomingEventsPanel(DashboardPanel):
    """The next three meetings, in the site's main language (their translations follow them)."""

    name = "care_upcoming_events"
    template_name = "home/dashboard/upcoming_events.html"
    order = 100

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["events"] = list(
            EventPage.objects.filter(locale=Locale.get_default()).upcoming()[:UPCOMING_EVENTS]
        )
        context["event_index"] = (
            Page.objects.filter(content_type__model="eventindexpage", locale=Locale.get_default())
            .only("id")
            .first()
        )
        return context


class BrokenLinksPanel(DashboardPanel):
    """Resources whose external link was broken when the link check last ran."""

    name = "care_broken_links"
    template_name = "home/dashboard/broken_links.html"
    order = 110

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        broken = LinkCheck.objects.filter(
            outcome=LinkCheck.Outcome.BROKEN, url=F("page__external_url")
        )
        context["total"] = broken.count()
        context["rows"] = list(
            broken.values("page_id", "page__title", "url", "status_code", "error").order_by(
                "page__title"
            )[:LISTED]
        )
        return context


class TranslationsPanel(DashboardPanel):
    """English pages with no Spanish copy, and Spanish copies behind their English page, as
    the Translation status report (home/translation_status.py) works them out."""

    name = "care_translations"
    template_name = "home/dashboard/translations.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        default = Locale.get_default()
        target = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
        context.update(language=target, missing=[], missing_total=0, behind=[], behind_total=0)
        if target is None:
            return context
        status = status_field(target)
        pages = with_statuses(
            Page.objects.filter(locale=default, depth__gt=1, alias_of__isnull=True),
            [target],
            default,
        )
        totals = dict(pages.order_by().values_list(status).annotate(count=Count("pk")))
        listed = ("id", "title", f"translation_{status}")
        context.update(
            missing_total=totals.get(MISSING, 0),
            missing=list(
                pages.filter(**{status: MISSING}).order_by("path").values(*listed)[:LISTED]
            ),
            behind_total=totals.get(OUT_OF_DATE, 0),
            behind=[
                {**row, "translation_id": row[f"translation_{status}"]}
                for row in pages.filter(**{status: OUT_OF_DATE})
                .order_by("path")
                .values(*listed)[:LISTED]
            ],
        )
        return context


class StalePagesPanel(DashboardPanel):
    """Live pages last published more than a year ago, oldest first."""

    name = "care_stale_pages"
    template_name = "home/dashboard/stale_pages.html"
    order = 130

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        stale = Page.objects.filter(
            live=True, depth__gt=1, last_published_at__lt=timezone.now() - STALE_AFTER
        )
        context["total"] = stale.count()
        context["pages"] = list(
            stale.order_by("last_published_at").only("id", "title", "last_published_at")[:LISTED]
        )
        return context


def panels_for(user):
    """The panels this person can act on."""
    panels = []
    if can_review(user):
        panels.append(NewSubmissionsPanel())
    page_policy = PagePermissionPolicy()
    if page_policy.user_has_any_permission(user, ["add", "change", "publish"]):
        panels += [UpcomingEventsPanel(), BrokenLinksPanel(), TranslationsPanel()]
        panels.append(StalePagesPanel())
    elif user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationsPanel())
    return panels


# Guidance in the page editor ----------------------------------------------------------------

# Cards and search results show titles in full: past this many characters they wrap onto a
# third line on a phone. The hard limit is Wagtail's (255); this is advice, shown by the count.
RECOMMENDED_LENGTHS = {"title": 70, "seo_title": 60, "search_description": 160}


def character_count_script():
    labels = {
        "count": gettext("%(used)s of %(limit)s characters"),
        "long": gettext("Cards read best under %(soft)s characters."),
        "recommended": RECOMMENDED_LENGTHS,
    }
    return render_to_string("home/dashboard/character_count.html", {"counter_labels": labels})


def warn_if_summary_empty(request, page):
    """The summary is what cards, search results and link previews show: saying so when it is
    empty, every time the page is saved, is the nudge editors asked for."""
    page = page.specific
    if hasattr(page, "summary") and not (page.summary or "").strip():
        messages.warning(
            request,
            gettext(
                "“%(title)s” has no summary. Cards and search results will show only its title: "
                "add one or two sentences in the Summary field."
            )
            % {"title": page.title},
        )
