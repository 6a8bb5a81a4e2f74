"""Local development: debug on, a throwaway secret key, mail printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (dev only)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# Editors trying the site locally expect to see their changes at once.
PAGE_CACHE_ENABLED = False
