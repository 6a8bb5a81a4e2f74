"""Counting searches for the editors' reports. A failure to count is logged and never stops
the visitor's search."""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .models import EmptySearch

logger = logging.getLogger(__name__)


def record_search(text, language, found_something):
    """Count one search for `text` in Wagtail's query hits, and also as an empty search when it
    found nothing."""
    # Lower-casing can lengthen text ("İ" is two characters in lower case): cut after it.
    query_string = normalise_query_string(text.lower()[:MAX_QUERY_STRING_LENGTH])
    today = timezone.now().date()
    try:
        # A search already made today is one UPDATE; Wagtail's own `Query.get().add_hit()` takes
        # four statements every time, on every search request.
        counted = QueryDailyHits.objects.filter(
            query__query_string=query_string, date=today
        ).update(hits=F("hits") + 1)
        if counted and found_something:
            return
        with transaction.atomic():
            query = Query.get(query_string)
            if not counted:
                query.add_hit(date=today)
            if not found_something:
                _count_empty_search(query, language, today)
    except DatabaseError:
        logger.warning("search: could not count the search %r", text, exc_info=True)


def _count_empty_search(query, language, today):
    rows = EmptySearch.objects.filter(query=query, language=language, date=today)
    if rows.update(hits=F("hits") + 1):
        return
    try:
        with transaction.atomic():
            EmptySearch.objects.create(query=query, language=language, date=today, hits=1)
    except IntegrityError:  # another request created today's row first
        rows.update(hits=F("hits") + 1)
