"""The site's one cache, and the one list of what empties it.

Every entry belongs to a content version: a number in the database (`ContentVersion`) that moves
on, in the same transaction as the change, whenever anything a visitor can see changes (any
page, and the models in `INVALIDATED_BY`). It is read once per request. Because it lives in the
database rather than in the cache store, a change made while the store is down, or through
another worker with a cache of its own, still retires every entry made before it: nothing stale
comes back when the store does.

- `cached(compute, key(...))`: a value computed from published content (the library's counts,
  the site chrome, template fragments through Wagtail's `{% wagtailpagecache %}` varying on
  the `content_version` the context processor gives).
- `PageCacheMiddleware`: whole responses for anonymous visitors, kept under a key of the
  version they were made in. A page made private or unpublished has moved the version on in the same
  transaction, so it is never answered from this cache, whatever the store holds.
- The frontend cache (a CDN) is purged from the same list: a page's addresses in every language
  and the listings and feeds that show it; for a site-wide change (footer, settings, images,
  terms…), every page.

A cache store that fails is skipped: values are computed, never an error for the visitor."""

import functools
import hashlib
import logging
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.cache import get_max_age, patch_cache_control

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction

logger = logging.getLogger(__name__)

# Besides every page: what pages are made of or how they are found. Saving, deleting or
# relinking any of these retires every cached copy and purges the frontend cache.
INVALIDATED_BY = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.searchpromotion",
    "home.sitesettings",
    "home.footer",
    "resources.topic",
    "resources.resourcetype",
}
# Wagtail fills these in on a file the first time it is read, while serving a page: not a change.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})
PAGE_CACHE_HEADER = "X-Page-Cache"
NOT_CACHED_PREFIXES = ("/admin/", "/documents/", "/api/", "/healthz", "/readyz", "/django-admin/")
NOT_CACHED_DIRECTIVES = ("private", "no-cache", "no-store")
MISSING = object()
NOT_IN_A_REQUEST = object()
request_version = ContextVar("content_version", default=NOT_IN_A_REQUEST)


def content_versions():
    # Through the app registry: the models of this app use this module.
    return apps.get_model("base", "ContentVersion").objects


@functools.cache
def version_statement():
    """The ORM's SQL for reading the version, compiled once per process: it is run on every
    request, and compiling the query costs ten times what running it does."""
    return content_versions().filter(pk=1).values_list("number").query.sql_with_params()


def version():
    """The content version (a number), read from the database once per request."""
    current = request_version.get()
    if current is MISSING or current is NOT_IN_A_REQUEST:
        with connection.cursor() as cursor:
            cursor.execute(*version_statement())
            row = cursor.fetchone()
        value = row[0] if row else 0
        if current is MISSING:
            request_version.set(value)
        return value
    return current


def last_changed():
    """When the version last moved on (the API's Last-Modified)."""
    return content_versions().filter(pk=1).values_list("changed_at", flat=True).first()


def forget_everything(**kwargs):
    """Retire every cached value and page (the version moves on with the current transaction)."""
    apps.get_model("base", "ContentVersion").move_on()
    if request_version.get() is not NOT_IN_A_REQUEST:
        request_version.set(MISSING)


def store(method, *args, failed=None):
    """`method(*args)` of the cache store; `failed` when the store fails (logged and skipped)."""
    try:
        return getattr(caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")], method)(*args)
    except Exception:
        logger.warning("cache store: %s failed", method, exc_info=True)
        return failed


def key(*parts):
    """The key for `parts` (strings or numbers) in the current content version."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"content:{version()}:{digest}"


def cached(compute, key, *, fresh=None):
    """`compute()`, kept under `key` until content changes. `fresh(value)`, when given, says
    whether a kept value still holds (for values that time also changes). Without a key it is
    simply computed."""
    if key is None:
        return compute()
    value = store("get", key, MISSING, failed=MISSING)
    if value is MISSING or (fresh is not None and not fresh(value)):
        value = compute()
        store("set", key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def context(request):
    """Context processor: the version and lifetime for `{% wagtailpagecache %}` fragments."""
    return {
        "content_version": version,
        "content_cache_seconds": settings.CONTENT_CACHE_SECONDS,
    }


# Whole pages for anonymous visitors.


def is_cacheable_request(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", True)
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        # A CSRF token or a CSP nonce was put in this page: it belongs to this visitor only.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "_csp_nonce", None) is None
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not any(directive in cache_control for directive in NOT_CACHED_DIRECTIVES)
    )


class PageCacheMiddleware:
    """Placed before the session and authentication middleware: a request with a session
    cookie (every signed-in editor has one) is never answered from, nor stored in, the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        # Made in the version current when the request came in: a change while it is served
        # retires it.
        page_key = key("page", request.method, request.build_absolute_uri())
        response = store("get", page_key, failed=MISSING)
        if response is MISSING:  # the store is down: serve uncached
            return self.get_response(request)
        if response is not None:
            response[PAGE_CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            if hasattr(response, "render"):
                response.render()
            # A view that chose its own lifetime keeps it (the feeds and calendars, polled).
            patch_cache_control(response, public=True, max_age=get_max_age(response) or 60)
            store("set", page_key, response, settings.PAGE_CACHE_SECONDS)
            response[PAGE_CACHE_HEADER] = "miss"
        return response


# What empties it.


def is_content(model, instance):
    if model._meta.apps is not apps:
        # A migration's historical model: `migrate` moves the version on once it is done.
        return False
    return isinstance(instance, Page) or model._meta.label_lower in INVALIDATED_BY


def _on_change(sender, instance, created=False, update_fields=None, action="post_", **kwargs):
    """Saved, deleted or relinked (m2m_changed, whose sender is the through model)."""
    if not action.startswith("post_") or not is_content(type(instance), instance):
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if created and type(instance)._meta.label_lower == "home.sitesettings":
        # Made with its defaults the first time a page reads it (`for_site`): nothing changed.
        return
    forget_everything()
    purge_later(instance)


def connect_invalidation():
    # Publishing, unpublishing and moving a page all save it: post_save covers them.
    # A receiver is connected once however often this runs (Django keys it by the function).
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change)
    post_migrate.connect(forget_everything, sender=apps.get_app_config("base"))
    request_started.connect(_start_request)
    request_finished.connect(_finish_request)


def _start_request(**kwargs):
    request_version.set(MISSING)


def _finish_request(**kwargs):
    request_version.set(NOT_IN_A_REQUEST)


# The frontend cache (a CDN or reverse proxy in front of the site).

EVERYTHING = "everything"
_pending_purges = ContextVar("pending_purges", default=None)


def purge_later(instance):
    """Purge what `instance` shows up on once the transaction commits (once per commit)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    pending = _pending_purges.get()
    if pending is None:
        pending = set()
        _pending_purges.set(pending)
    if isinstance(instance, Page):
        pending.add(instance.pk)
    elif isinstance(instance, PageViewRestriction):
        pending.add(instance.page_id)
    else:
        pending.add(EVERYTHING)
    transaction.on_commit(_purge_pending)


def _purge_pending():
    pending = _pending_purges.get()
    if not pending:
        return
    _pending_purges.set(None)
    if EVERYTHING in pending:
        pages = Page.objects.live().filter(depth__gt=1)
    else:
        pages = pages_showing(pending)
    batch = PurgeBatch()
    batch.add_pages(page.specific_deferred for page in pages)
    batch.purge()


def pages_showing(page_ids):
    """The live pages whose addresses show these pages: themselves and everything below them (a
    restriction or a move covers the section), the listings above them up to the landing page,
    and any page a page type names (`pages_listing_this`), each in every language."""
    section, related = Q(pk__in=[]), set()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        section |= Page.objects.ancestor_of_q(page, inclusive=True) | Q(path__startswith=page.path)
        related.update(getattr(page, "pages_listing_this", lambda: [])())
    found = Page.objects.filter(section & Q(depth__gt=1) | Q(pk__in=related))
    found = found.values("translation_key")
    return Page.objects.live().filter(translation_key__in=found)
