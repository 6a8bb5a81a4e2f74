"""Settings shared by every environment. Values that differ between machines come from the
environment; nothing secret is written here."""

import datetime
import importlib.util
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from care_site.base.public_address import parse_public_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "care_site.base",
    "home",
    "resources",
    "partners",
    "events",
    "forms.apps.CareFormsConfig",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "corsheaders",
    "django_guid",
    "health_check",
    # Background email (forms, below).
    "django_tasks",
    "django_tasks_db",
    # The second factor (care_site/accounts, below).
    "care_site.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First, so every later log line of a request carries its id (DJANGO_GUID below).
    "care_site.request_id.DropMalformedRequestId",
    "django_guid.middleware.guid_middleware",
    # Before anything that can answer an error, so the API's are JSON (care_site/api/errors.py).
    "care_site.api.errors.ApiErrorsAsJson",
    # Before anything that can answer early, so every API response carries its CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Cross-Origin-Resource-Policy where a setting asks for it (production), before WhiteNoise.
    "care_site.csp.CrossOriginResourcePolicyMiddleware",
    # Before WhiteNoise, so static files carry it too (PERMISSIONS_POLICY below).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous visitors (no session cookie): a hit skips everything below;
    # what the middleware below adds to a page (CSP, X-Frame-Options, Vary) is kept with it.
    "care_site.base.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, leaving the API's 404s alone (care_site/api/locale.py).
    "care_site.api.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor (care_site/accounts, below): django-otp's, then ours, which needs it.
    "django_otp.middleware.OTPMiddleware",
    "care_site.accounts.middleware.RequireSecondFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "care_site.csp.AdminPolicyMiddleware",
    # Refuses bodies no view can read (400/413) before CSRF or a view reads them; after the
    # middleware above, so its answers carry their headers (care_site/request_body.py).
    "care_site.request_body.RefuseUnreadableBodies",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "care_site.urls"
WSGI_APPLICATION = "care_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "care_site.base.cache.context",
            ],
            # Head tags, breadcrumbs and structured data for search engines (docs/seo.md).
            "libraries": {"seo_tags": "home.seo"},
        },
    },
]

# SQLite by default so a new machine needs nothing installed; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes writing one SQLite file: wait for the lock instead of failing,
    # and take it at the start of each write transaction so two writers never deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; Redis when REDIS_URL is set (shared by every instance).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        # Django's default of 300 entries is a few pages' worth now that each page keeps its
        # route and content fragments: 2,000 (some 10 MB) per process before the oldest go.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "care",
            "OPTIONS": {
                # A slow or absent Redis must not hold requests for long, nor fail them: every
                # cache read becomes a miss and every write a no-op until it is back.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }

# How long a cached value or fragment is kept at most (care_site/base/cache.py). Any change to
# content retires it at once on every worker, whatever the cache store: this only bounds memory.
CONTENT_CACHE_SECONDS = int(os.environ.get("CONTENT_CACHE_SECONDS", "600"))

# Admin sign-in is throttled (django-axes): 10 failures for one account from one client address
# lock that pair out for 15 minutes. Not the account alone nor the address alone: either would
# let a stranger lock staff out who type the right password. A success clears the count. The
# address is read through the trusted proxies (CARE_TRUSTED_PROXY_COUNT, below), as the form
# rate limit reads it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "care_site.base.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source, Spanish the first translation.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["care_site.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("SITE_TIME_ZONE", "America/New_York")

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes")
# Seconds a mail server may take to answer before the send fails and is retried later: a server
# that accepts and never answers holds a worker no longer than this.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CARE website <noreply@localhost>")

# CDN / reverse proxy in front: publishing purges the changed pages (in every language).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "care_site.frontend_cache.TimeoutHTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
            "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "3")),
        }
    }

# Whole pages for anonymous visitors (care_site/base/cache.py).
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() == "true"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# The video sites the embed block's players come from (CSP frame-src, PERMISSIONS_POLICY).
EMBED_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]

# Content-Security-Policy (django-csp). Scripts only from this origin or carrying the
# request's nonce; no inline styles; embeds only from the video sites the embed block supports.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Permissions-Policy (django-permissions-policy): the browser features the site uses, and who
# may use them. Embedded video players may go full screen, picture-in-picture and play
# protected media; the admin's copy buttons write to the clipboard; everything powerful the site
# never asks for is off for it and for anything it frames. Features left out keep the browser's
# default (this origin only).
PERMISSIONS_POLICY = {
    "fullscreen": ["self", *EMBED_ORIGINS],
    "picture-in-picture": EMBED_ORIGINS,
    "encrypted-media": EMBED_ORIGINS,
    "clipboard-write": ["self"],
    **dict.fromkeys(
        [
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "clipboard-read",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ],
        [],
    ),
}

# Wagtail
WAGTAIL_SITE_NAME = "Collaborative for Anti-Racism & Equity"
# The site's public address (docs/deployment.md): the scheme, host and port visitors use, e.g.
# https://care.example.org. Every absolute link starts with it, and `migrate` gives it to the
# default Site (care_site/base/public_address.py). Unset: what `make run` serves. A site set up
# before this setting existed gave the address as WAGTAILADMIN_BASE_URL; that still counts.
CARE_PUBLIC_URL = parse_public_url(
    os.environ.get("CARE_PUBLIC_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).origin
# Links in staff emails and the admin; its own variable only for an admin on another address.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or CARE_PUBLIC_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILAPI_LIMIT_MAX = 50
# The API's errors are `{"message": ...}`, DRF's included (care_site/api/errors.py).
REST_FRAMEWORK = {"EXCEPTION_HANDLER": "care_site.api.errors.exception_handler"}
# The API's `detail_url`s.
WAGTAILAPI_BASE_URL = CARE_PUBLIC_URL
# Rich text in the API as display HTML, internal links and embeds resolved (docs/api.md).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# The admin makes no outside requests: no avatars from Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A page sent for translation becomes a draft in the other language, published by the translator
# once translated: until then its address shows the original with the "not translated" note.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Editing never loses work (docs/editor-guide.md): moderation through the "Editor → Moderator"
# workflow (home/roles.py), comments, and the notice naming whoever else has the same page open
# (Wagtail's editing sessions, checked every 10 seconds). These are Wagtail's defaults, set here
# so nobody turns them off without seeing why they are on.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        }
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "care_site.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Publishing and background-task chatter is not news to anyone reading the log.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        # django-guid notes every id it takes or makes; the id is on each line already.
        "django_guid": {"level": "WARNING"},
    },
}

# Request ids (django-guid): the proxy's X-Request-ID when care_site.request_id finds it sane,
# otherwise a new 32-character hex id; echoed in the response. Not exposed to CORS readers:
# the package would overwrite CORS_EXPOSE_HEADERS rather than add to it.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    "VALIDATE_GUID": False,
    "UUID_LENGTH": 32,
}

# --- Forms and submissions -------------------------------------------------------------
# Background email: django-tasks. "care_forms" is the backend the form emails use; it runs them
# at once by default (nothing else to start for `make run`). Production settings choose the
# database backend, run by the `worker` process of the Procfile (`manage.py db_worker --backend
# care_forms`), so no email is ever sent inside a visitor's request (docs/forms.md).
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {
    "default": {"BACKEND": IMMEDIATE_TASKS},
    "care_forms": {"BACKEND": os.environ.get("FORMS_TASK_BACKEND", IMMEDIATE_TASKS)},
}
# Django's default, stated: a request body past it gets the 400 page (templates/400.html).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Posts accepted per client IP, per form, per window (seconds); further posts get a 429.
CARE_FORMS_RATE_LIMIT = int(os.environ.get("CARE_FORMS_RATE_LIMIT", "5"))
CARE_FORMS_RATE_LIMIT_WINDOW = 60
CARE_FORMS_RATE_LIMIT_CACHE = "default"
# Video players looked up with a short timeout and a size limit (care_site/base/embed_finder.py).
WAGTAILEMBEDS_FINDERS = [{"class": "care_site.base.embed_finder"}]
# Networks the server may reach at addresses editors type (link checks, video look-ups), on top
# of the public internet; loopback and private ranges are refused unless listed here, e.g.
# "10.0.0.0/8" for an intranet (comma-separated in the environment).
CARE_OUTBOUND_ALLOWED_NETWORKS = env_list("CARE_OUTBOUND_ALLOWED_NETWORKS")
# How many reverse proxies in front of the site append to X-Forwarded-For; 0 trusts none
# (care_site/base/client_ip.py). Used by the form rate limit and the admin sign-in throttle.
CARE_TRUSTED_PROXY_COUNT = int(os.environ.get("CARE_TRUSTED_PROXY_COUNT", "0"))
# Spam timer: a form sent sooner than this after it was shown is a bot's.
CARE_FORMS_MIN_FILL_SECONDS = 3
CARE_FORMS_TOKEN_MAX_AGE = 60 * 60 * 24
# Days a submission is kept when its form does not say otherwise (`purge_submissions`).
CARE_FORMS_DEFAULT_RETENTION_DAYS = int(os.environ.get("CARE_FORMS_RETENTION_DAYS", "365"))
# Tries of a failing notification email before it waits for `send_form_emails`, the first
# retry this many seconds after the failure, each next one twice as long after.
CARE_FORMS_EMAIL_MAX_ATTEMPTS = 5
CARE_FORMS_EMAIL_RETRY_SECONDS = int(os.environ.get("CARE_FORMS_EMAIL_RETRY_SECONDS", "60"))
# Days a meeting subscriber who never confirmed, or who unsubscribed, is kept before
# `purge_subscribers` deletes them (docs/events.md).
CARE_SUBSCRIBERS_KEEP_DAYS = int(os.environ.get("CARE_SUBSCRIBERS_KEEP_DAYS", "30"))
# Meeting announcements to subscribers (events/announcements.py): emails sent per run of the
# scheduler's `send_announcements` job (once a minute, so also per minute); tries before an email
# counts as failed; seconds a sender holds an email it claimed (one that died holds it no longer);
# hours before a meeting its reminder goes out.
CARE_ANNOUNCEMENT_BATCH = int(os.environ.get("CARE_ANNOUNCEMENT_BATCH", "50"))
CARE_ANNOUNCEMENT_MAX_ATTEMPTS = 5
CARE_ANNOUNCEMENT_CLAIM_SECONDS = 5 * 60
CARE_MEETING_REMINDER_HOURS = int(os.environ.get("CARE_MEETING_REMINDER_HOURS", "24"))

# --- Periodic jobs --------------------------------------------------------------------
# Run by the `scheduler` process (`manage.py run_scheduler`, care_site/base/scheduler.py): each
# job at most once per period of `every` seconds (periods counted from the Unix epoch, in UTC),
# however many scheduler processes run. `command` is a management command and its arguments.
CARE_SCHEDULE = {
    "send_form_emails": {"command": ["send_form_emails"], "every": 15 * 60},
    "publish_scheduled": {"command": ["publish_scheduled"], "every": 60},
    "send_announcements": {"command": ["send_announcements"], "every": 60},
    "purge_submissions": {"command": ["purge_submissions"], "every": 24 * 60 * 60},
    "purge_subscribers": {"command": ["purge_subscribers"], "every": 24 * 60 * 60},
    "check_resource_links": {"command": ["check_resource_links"], "every": 7 * 24 * 60 * 60},
    "generate_meetings": {"command": ["generate_meetings"], "every": 24 * 60 * 60},
    "keep_library_indexes": {"command": ["keep_library_indexes"], "every": 60},
}

# --- Site search -----------------------------------------------------------------------
# Searches are counted in memory and written by each server process's own thread this often
# (search/stats.py): no database write in a visitor's search. 0: only when flushed by hand.
CARE_SEARCH_STATS_FLUSH_SECONDS = int(os.environ.get("CARE_SEARCH_STATS_FLUSH_SECONDS", "60"))
# Wagtail's database backend (PostgreSQL full-text search, SQLite FTS5) unless SEARCH_BACKEND
# names a search server: a site that outgrows the database sets SEARCH_BACKEND=opensearch2 (or
# opensearch3, elasticsearch7/8/9) and SEARCH_URL, then runs `manage.py update_index`.
# docs/search.md has the steps.
SEARCH_SERVER_BACKENDS = {
    "opensearch2": "opensearchpy",
    "opensearch3": "opensearchpy",
    "elasticsearch7": "elasticsearch",
    "elasticsearch8": "elasticsearch",
    "elasticsearch9": "elasticsearch",
}
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database").strip().lower() or "database"
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
elif SEARCH_BACKEND in SEARCH_SERVER_BACKENDS:
    if not env_list("SEARCH_URL"):
        raise ImproperlyConfigured(f"SEARCH_BACKEND={SEARCH_BACKEND} needs SEARCH_URL.")
    if importlib.util.find_spec(SEARCH_SERVER_BACKENDS[SEARCH_BACKEND]) is None:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={SEARCH_BACKEND} needs the Python package that provides "
            f"'{SEARCH_SERVER_BACKENDS[SEARCH_BACKEND]}' (see docs/search.md)."
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}",
            "URLS": env_list("SEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "care_"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            # Rebuild into a new index and switch over, so search keeps working meanwhile.
            "ATOMIC_REBUILD": True,
        }
    }
else:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be 'database' or one of {', '.join(SEARCH_SERVER_BACKENDS)}."
    )

# --- Headless content API (docs/api.md) --------------------------------------------------
# Front ends on other origins may read /api/ and post forms there; nothing else is shared.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# How long browsers and shared caches may keep an API read before asking again (with ETag).
CARE_API_CACHE_SECONDS = int(os.environ.get("CARE_API_CACHE_SECONDS", "60"))
# Draft preview for decoupled front ends: lifetime of a signed preview token, and the front
# end's preview address the admin sends editors to ("{token}" is filled in).
CARE_API_PREVIEW_TOKEN_MAX_AGE = 60 * 10
CARE_API_PREVIEW_CLIENT_URL = os.environ.get("CARE_API_PREVIEW_CLIENT_URL", "")

# --- Second factor for staff who can read personal data (care_site/accounts) -------------
# After the password, anyone holding one of these permissions (and every superuser) gives a
# code from an authenticator app, or a single-use recovery code, before any other admin page
# (docs/editor-guide.md, docs/deployment.md). django-otp keeps the devices.
CARE_SECOND_FACTOR_REQUIRED = True
# Reading form submissions, or managing the accounts that can.
CARE_SECOND_FACTOR_PERMISSIONS = ["care_forms.view_submission", "auth.change_user"]
OTP_TOTP_ISSUER = "CARE"
