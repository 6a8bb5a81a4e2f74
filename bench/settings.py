"""Settings for benchmark runs: production-like (no debug, no toolbar, persistent database
connections) without production's requirements (a secret key, HTTPS), and the page cache
switched by BENCH_PAGE_CACHE."""

import os

from care_site.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key"  # noqa: S105 - never used outside a benchmark
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PAGE_CACHE_ENABLED = os.environ.get("BENCH_PAGE_CACHE", "off") == "on"
# As production: a connection per worker, not one per request (every request reads the content
# version, a cached page included).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
