"""The community page's meetings: those to come, soonest first, and past ones newest first,
by year, a page at a time."""

from django.core.paginator import Paginator

from care_site.base import cache

from .time_zones import zone_or_default


def community_listing(events, now, params, per_page=10, *, cache_scope=None, past_within=None):
    """The community page's `upcoming_events`, `past_events` (the Django Page of past meetings
    asked for by `params`), `past_years` and `selected_year`.

    Two queries whatever the number of meetings: one for the (id, path, start, end, zone)
    of every meeting, which sorts them into upcoming and past, gives the years and the count;
    one for the meetings shown (every upcoming one and one page of past ones). With a
    `cache_scope` (the community page), the first is kept in the content cache until content
    changes; the line between upcoming and past is still drawn at `now`.

    The line between upcoming and past is the one `EventPageQuerySet.upcoming()` draws: a
    meeting is upcoming until it ends. A past meeting's year is the year where it happened
    (in its own zone). A year that is not a number, or has no meetings, is ignored rather
    than refused: old links and hand-typed addresses still show the page. `past_within`, when
    given, is the set of past meetings the archive's filters keep (events/archive.py)."""
    every_meeting = events.order_by().values_list("pk", "path", "start", "end", "time_zone")
    rows = cache.cached(
        lambda: list(every_meeting),
        cache_scope and cache.key("community-meetings", cache_scope),
    )
    rows = sorted(rows, key=lambda row: (row[2], row[1]))  # by start, then tree order
    upcoming = [row for row in rows if row[3] > now]
    past = [row for row in reversed(rows) if row[3] <= now]
    past_years = [(row[0], row[2].astimezone(zone_or_default(row[4])).year) for row in past]
    years = sorted({year for _pk, year in past_years}, reverse=True)
    year = next((year for year in years if str(year) == params.get("year")), None)
    past_ids = [
        pk
        for pk, past_year in past_years
        if year in (None, past_year) and (past_within is None or pk in past_within)
    ]
    page = Paginator(past_ids, per_page).get_page(params.get("page"))
    upcoming_ids = [row[0] for row in upcoming]
    wanted = upcoming_ids + list(page.object_list)
    by_id = events.model.objects.in_bulk(wanted) if wanted else {}
    page.object_list = [by_id[pk] for pk in page.object_list if pk in by_id]
    return {
        "upcoming_events": [by_id[pk] for pk in upcoming_ids if pk in by_id],
        "past_events": page,
        "past_years": years,
        "selected_year": year,
    }
