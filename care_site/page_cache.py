"""A whole-page cache for anonymous visitors.

Only anonymous GET/HEAD requests for public pages are cached, and only responses that are
plain 200 HTML without cookies: a page that sets a cookie (a form's CSRF token, a session) or
says `private`/`no-cache`/`no-store` is never stored, so forms, previews and logged-in views are
always fresh. Publishing anything bumps a generation number that is part of every key, which
empties the cache at once on every instance sharing the cache backend. A cache that fails is
skipped, never an error for the visitor."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/api/", "/healthz", "/readyz", "/django-admin/")
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def bump_generation(**kwargs):
    """Invalidate every cached page (connected to publish/unpublish/delete/move signals)."""
    try:
        cache = page_cache()
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            cache.incr(GENERATION_KEY)
    except Exception:
        logger.warning("page cache: could not invalidate", exc_info=True)


def cache_key(request, generation):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation}:{request.method}:{digest}"


def is_cacheable_request(request):
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
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
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
    )


class PageCacheMiddleware:
    """Place after AuthenticationMiddleware so logged-in editors are recognised."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            cache = page_cache()
            generation = cache.get(GENERATION_KEY, 0)
            key = cache_key(request, generation)
            cached = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable; serving uncached", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached

        response = self.get_response(request)
        if is_cacheable_response(request, response):
            if hasattr(response, "render"):
                response.render()
            patch_cache_control(response, public=True, max_age=60)
            try:
                cache.set(key, response, timeout())
            except Exception:
                logger.warning("page cache: could not store", exc_info=True)
            response[HEADER] = "miss"
        return response


def connect_invalidation():
    """Anything a visitor can see changed: pages published, unpublished, moved or deleted, and
    the snippets, settings and media that pages are made of."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(_on_save, dispatch_uid="page-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="page-cache-delete")


CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "home.sitesettings",
    "resources.topic",
    "resources.resourcetype",
}


def _on_save(sender, **kwargs):
    if sender._meta.label_lower in CONTENT_MODELS:
        bump_generation()


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if sender._meta.label_lower in CONTENT_MODELS or isinstance(instance, Page):
        bump_generation()
