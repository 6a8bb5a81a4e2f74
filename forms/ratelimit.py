"""Submissions allowed per client address and form in a time window, counted in Django's cache.

The address is `care_site.base.client_ip`'s (proxy-aware). A counter store that is down lets
the post through and logs a warning, better some spam than turning every visitor away, whether
the store raises or, as django-redis does with IGNORE_EXCEPTIONS, answers None."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches

from care_site.base.client_ip import client_ip

logger = logging.getLogger(__name__)


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
    cache = caches[settings.CARE_FORMS_RATE_LIMIT_CACHE]
    try:
        cache.add(key, 0, timeout=window * 2)
        try:
            count = cache.incr(key)
        except ValueError:
            # Evicted between add and incr: this is the first post of the window.
            cache.set(key, 1, timeout=window * 2)
            count = 1
        if not isinstance(count, int):
            # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
            raise TypeError(f"the cache answered {count!r}")
    except Exception:
        logger.warning(
            "Rate limit cache unavailable; letting the submission through", exc_info=True
        )
        return True
    return count <= limit
