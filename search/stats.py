"""Counting searches for the editors' reports (Wagtail's query hits, which its promotions
report reads, and the searches that found nothing) without writing to the database in the
visitor's request. On SQLite a write takes the whole database's lock, so counting in the request
made concurrent searches queue behind each other and behind form posts.

Each server process adds its searches to a buffer in memory; a daemon thread of that process
writes the buffer every `CARE_SEARCH_STATS_FLUSH_SECONDS`, and whatever is left when the process
exits normally. A process that dies loses at most that last interval's counts. The buffer is
per process because the periodic scheduler runs in a process of its own and could not reach it,
and a buffer in the shared cache would lose every count when the cache is local memory (the
default) or away (Redis failures are ignored by design). A failure to count is logged and never
stops the visitor's search."""

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .models import EmptySearch

logger = logging.getLogger(__name__)

# (query string, language, found something, date) -> searches not yet written
_pending = Counter()
_lock = threading.Lock()
_flusher = None
_flusher_pid = None


def record_search(text, language, found_something):
    """Count one search for `text`, in memory until the next flush."""
    # Lower-casing can lengthen text ("İ" is two characters in lower case): cut after it.
    query_string = normalise_query_string(text.lower()[:MAX_QUERY_STRING_LENGTH])
    key = (query_string, language, bool(found_something), timezone.now().date())
    with _lock:
        _pending[key] += 1
    _start_flusher()


def flush():
    """Write every buffered count; return how many searches were written. Counts that could
    not be written go back into the buffer for the next flush."""
    with _lock:
        taken = dict(_pending)
        _pending.clear()
    written = 0
    for key, hits in taken.items():
        try:
            _write(*key, hits)
            written += hits
        except DatabaseError:
            logger.warning("search: could not count the search %r", key[0], exc_info=True)
            with _lock:
                _pending[key] += hits
    return written


def _write(query_string, language, found_something, day, hits):
    with transaction.atomic():
        query = Query.get(query_string)
        _add(QueryDailyHits.objects.filter(query=query, date=day), hits, query=query, date=day)
        if not found_something:
            rows = EmptySearch.objects.filter(query=query, language=language, date=day)
            _add(rows, hits, query=query, language=language, date=day)


def _add(rows, hits, **row):
    if rows.update(hits=F("hits") + hits):
        return
    try:
        with transaction.atomic():
            rows.model.objects.create(hits=hits, **row)
    except IntegrityError:  # another process created the row first
        rows.update(hits=F("hits") + hits)


def _start_flusher():
    """One flushing thread per process, started by its first search (a forked worker starts
    its own: threads do not survive a fork)."""
    global _flusher, _flusher_pid
    if not settings.CARE_SEARCH_STATS_FLUSH_SECONDS or _flusher_pid == os.getpid():
        return
    with _lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
        _flusher = threading.Thread(target=_flush_every, name="search-stats", daemon=True)
    _flusher.start()


def _flush_every():
    """Flush every interval until the interval is set to 0."""
    global _flusher_pid
    while seconds := settings.CARE_SEARCH_STATS_FLUSH_SECONDS:
        time.sleep(seconds)
        try:
            flush()
        except Exception:  # the thread must outlive any one failure
            logger.exception("search: counting searches failed")
        finally:
            close_old_connections()
    _flusher_pid = None


@atexit.register
def _flush_at_exit():
    try:
        flush()
    except Exception:
        logger.exception("search: the last searches could not be counted at exit")
