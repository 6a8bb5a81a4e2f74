"""The community page's meetings: those to come, soonest first, and past ones newest first,
by year, a page at a time."""

from django.core.paginator import Paginator

from care_site.base import cache

from .time_zones import zone_or_default


class CommunityListing:
    """Two queries whatever the number of meetings: one for the (id, path, start, end, zone)
    of every meeting, which sorts them into upcoming and past, gives the years and the count;
    one for the meetings shown (every upcoming one and one page of past ones). With a
    `cache_scope` (the community page), the first is kept in the content cache until content
    changes; the line between upcoming and past is still drawn at `now`.

    The line between upcoming and past is the one `EventPageQuerySet.upcoming()` draws: a
    meeting is upcoming until it ends. A past meeting's year is the year where it happened
    (in its own zone). A year that is not a number, or has no meetings, is ignored rather
    than refused: old links and hand-typed addresses still show the page."""

    def __init__(self, events, now, raw_year=None, per_page=10, *, cache_scope=None):
        every_meeting = events.order_by().values_list("pk", "path", "start", "end", "time_zone")
        rows = cache.cached(
            lambda: list(every_meeting),
            cache_scope and cache.key("community-meetings", cache_scope),
        )
        upcoming = sorted((row for row in rows if row[3] > now), key=lambda row: (row[2], row[1]))
        past = sorted(
            (row for row in rows if row[3] <= now),
            key=lambda row: (row[2], row[1]),
            reverse=True,
        )
        past_years = [(row[0], row[2].astimezone(zone_or_default(row[4])).year) for row in past]
        self.years = sorted({year for _pk, year in past_years}, reverse=True)
        self.year = parse_year(raw_year, self.years)
        self.past_ids = [pk for pk, year in past_years if self.year in (None, year)]
        self.upcoming_ids = [row[0] for row in upcoming]
        self.model = events.model
        self.per_page = per_page

    def load(self, page_number):
        """(upcoming meetings, the Django Page of past meetings asked for)."""
        page = Paginator(self.past_ids, self.per_page).get_page(page_number)
        page_ids = list(page.object_list)
        wanted = self.upcoming_ids + page_ids
        by_id = self.model.objects.in_bulk(wanted) if wanted else {}
        page.object_list = [by_id[pk] for pk in page_ids if pk in by_id]
        return [by_id[pk] for pk in self.upcoming_ids if pk in by_id], page


def parse_year(raw_year, years):
    try:
        year = int(raw_year)
    except (TypeError, ValueError):
        return None
    return year if year in years else None
