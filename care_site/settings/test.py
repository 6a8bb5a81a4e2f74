"""Fast, isolated settings for pytest."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="care-test-media-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# Tests change content without publishing it; the page cache has tests of its own that turn it on.
PAGE_CACHE_ENABLED = False

# Other tests sign in with a password alone; the second factor's tests turn it on.
CARE_SECOND_FACTOR_REQUIRED = False

# The address of Wagtail's initial Site (localhost, port 80), whatever the machine's environment
# says: tests of another address set it themselves (tests/seo/test_public_address.py).
CARE_PUBLIC_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = CARE_PUBLIC_URL

# Tests write the buffered search counts themselves (search.stats.flush), when they look.
CARE_SEARCH_STATS_FLUSH_SECONDS = 0
