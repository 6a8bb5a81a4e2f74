"""Template tags for blocks that list pages: the upcoming meetings, every partner, and editor
picks shown in the visitor's language."""

from django import template

from wagtail.models import Locale

from events.models import EventPage
from home.models import localize_pages
from partners.models import PartnerPage

register = template.Library()

MAX_UPCOMING_EVENTS = 12


def active_locale():
    return Locale.get_active()


@register.simple_tag
def upcoming_events(count=3):
    """`{% upcoming_events value.count as events %}`: the next `count` live, public events in
    the visitor's language that have not ended yet, soonest first."""
    try:
        count = max(1, min(int(count), MAX_UPCOMING_EVENTS))
    except (TypeError, ValueError):
        count = 3
    return list(EventPage.objects.live().public().filter(locale=active_locale()).upcoming()[:count])


@register.simple_tag
def all_partners():
    """`{% all_partners as partners %}`: every live, public partner in the visitor's language,
    in the order editors arranged them in the page tree."""
    return list(
        PartnerPage.objects.live()
        .public()
        .filter(locale=active_locale())
        .select_related("logo")
        .order_by("path")
    )


@register.simple_tag
def live_localized(pages):
    """`{% live_localized value.resources as resources %}`: the picked pages that are live, in
    the editor's order, each replaced by its live translation in the visitor's language when
    there is one. Pages must all be of one type (a PageChooserBlock list)."""
    picked = [page for page in pages or [] if page is not None and page.live]
    if not picked:
        return []
    return localize_pages(picked, active_locale().pk)
