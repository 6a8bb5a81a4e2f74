"""Values computed from published content (the site chrome, the library's counts), kept in the
cache until any content changes.

Every key carries a generation number that moves on whenever a page, a term, a view
restriction, the site settings, the footer, a Site or a Locale is saved, published,
unpublished, moved or deleted, which empties every entry at once on every process sharing the
cache. (Not the page cache's generation: that one also moves when an image is saved, which
Wagtail does while serving a page that shows a new image, and nothing cached here shows
one.) Entries also expire after CONTENT_CACHE_SECONDS, which is what bounds how long a worker
with a cache of its own (local memory, no Redis) can miss another worker's change. A cache that
fails is skipped: the value is computed, never an error for the visitor."""

import hashlib
import logging
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-cache:generation"
CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "home.sitesettings",
    "home.footer",
    "resources.topic",
    "resources.resourcetype",
}
MISSING = object()
NOT_IN_A_REQUEST = object()
# The generation as this request first read it: every value a page caches is looked up with one
# read of the generation, not one each. Outside a request it is read every time.
request_generation = ContextVar("content_cache_generation", default=NOT_IN_A_REQUEST)


def bump_generation(**kwargs):
    """Forget every cached value (connected to the signals below)."""
    if request_generation.get() is not NOT_IN_A_REQUEST:
        request_generation.set(MISSING)
    try:
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            cache.incr(GENERATION_KEY)
    except Exception:
        logger.warning("content cache: could not invalidate", exc_info=True)


def _on_change(sender, instance, created=False, **kwargs):
    if created and sender._meta.label_lower == "home.sitesettings":
        # Made with its defaults the first time a page reads it (`for_site`): nothing changed.
        return
    if isinstance(instance, Page) or sender._meta.label_lower in CONTENT_MODELS:
        bump_generation()


def connect_invalidation():
    # Any page save counts, not only publishing: tests and scripts create live pages directly.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"content-cache-{id(signal)}")
    post_save.connect(_on_change, dispatch_uid="content-cache-save")
    post_delete.connect(_on_change, dispatch_uid="content-cache-delete")
    request_started.connect(_start_request, dispatch_uid="content-cache-request-started")
    request_finished.connect(_finish_request, dispatch_uid="content-cache-request-finished")


def _start_request(**kwargs):
    request_generation.set(MISSING)


def _finish_request(**kwargs):
    request_generation.set(NOT_IN_A_REQUEST)


def generation():
    """The current generation (read once per request), or None when the cache cannot be
    reached."""
    current = request_generation.get()
    if current is MISSING or current is NOT_IN_A_REQUEST:
        try:
            value = cache.get(GENERATION_KEY, 0)
        except Exception:
            logger.warning("content cache unavailable", exc_info=True)
            value = None
        if current is MISSING:
            request_generation.set(value)
        current = value
    return current


def key(*parts):
    """The cache key for `parts` (strings or numbers) in the current generation, or None when
    the cache cannot be reached."""
    current = generation()
    if current is None:
        return None
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"content-cache:{current}:{digest}"


def cached(compute, key, *, fresh=None):
    """`compute()`, kept under `key` (from `key()`) until content changes; simply computed when
    `key` is None. `fresh(value)`, when given, says whether a kept value still holds (for
    values that time also changes)."""
    if key is None:
        return compute()
    try:
        value = cache.get(key, MISSING)
    except Exception:
        value = MISSING
    if value is MISSING or (fresh is not None and not fresh(value)):
        value = compute()
        try:
            cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
        except Exception:
            logger.warning("content cache: could not store", exc_info=True)
    return value
