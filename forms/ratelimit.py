"""Submissions allowed per client IP and form in a time window, counted in Django's cache.

The client IP is REMOTE_ADDR unless CARE_TRUSTED_PROXY_COUNT proxies are configured; then it
is the address the outermost trusted proxy saw, read from the right of X-Forwarded-For, so
whatever a client writes into that header itself is ignored. A cache that fails lets the post
through and logs a warning: better some spam than turning every visitor away."""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted = settings.CARE_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < trusted:
        return remote_addr
    candidate = hops[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def allow(request, scope):
    """Count this request against `scope` (for example one form) and say whether it is within
    the limit."""
    limit = settings.CARE_FORMS_RATE_LIMIT
    if limit <= 0:
        return True
    window = settings.CARE_FORMS_RATE_LIMIT_WINDOW
    # Keys hold a digest, not the address: the cache is no place for personal data.
    client = hashlib.sha256(f"{scope}|{client_ip(request)}".encode()).hexdigest()[:32]
    key = f"care_forms:rate:{client}:{int(time.time() // window)}"
    try:
        cache = caches[settings.CARE_FORMS_RATE_LIMIT_CACHE]
        cache.add(key, 0, timeout=window * 2)
        try:
            count = cache.incr(key)
        except ValueError:
            # Evicted between add and incr: this is the first post of the window.
            cache.set(key, 1, timeout=window * 2)
            count = 1
    except Exception:
        logger.warning(
            "Rate limit cache unavailable; letting the submission through", exc_info=True
        )
        return True
    return count <= limit
