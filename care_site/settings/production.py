"""Production: everything from the environment; refuses to start without the essentials."""

import os

from django.core.exceptions import ImproperlyConfigured

from care_site.base.public_address import parse_public_url
from care_site.error_reporting import admins_from, start_sentry

from .base import *  # noqa: F403
from .base import (
    CARE_PUBLIC_URL,
    CONTENT_SECURITY_POLICY,
    DATABASES,
    LOGGING,
    STORAGES,
    TASKS,
    env_list,
)
from .object_storage import object_storage_from, with_image_origins


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable to run in production.")
    return value


def flag(name, default):
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
# Production never guesses its address: every link, feed and calendar would carry the guess.
# (WAGTAILADMIN_BASE_URL is accepted in its place, as base.py explains.)
if not (os.environ.get("CARE_PUBLIC_URL") or os.environ.get("WAGTAILADMIN_BASE_URL", "")).strip():
    raise ImproperlyConfigured(
        "Set CARE_PUBLIC_URL to the site's public address (e.g. https://care.example.org) "
        "to run in production."
    )
PUBLIC_ADDRESS = parse_public_url(CARE_PUBLIC_URL)
# The public host is always served; ALLOWED_HOSTS adds others (an internal name, www.).
ALLOWED_HOSTS = list(dict.fromkeys([PUBLIC_ADDRESS.hostname, *env_list("ALLOWED_HOSTS")]))
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([CARE_PUBLIC_URL, *env_list("CSRF_TRUSTED_ORIGINS")]))

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365  # hashed names: safe to cache for a year

# Persistent connections, checked before reuse: a database restart costs only the requests
# in flight at that moment.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))

# HTTPS everywhere. Behind a TLS-terminating proxy, it must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = flag("SECURE_SSL_REDIRECT", True)
# Trying production settings on this machine over plain HTTP (docs/deployment.md): the operator
# turned the redirect off and the site's address is http on loopback. Only then is Django's
# deployment warning about the redirect (W008) expected, so only then is it silenced: `make
# serve` runs `check --deploy` and stops at any other warning, a weak secret key included.
LOCAL_TRIAL = (
    not SECURE_SSL_REDIRECT
    and PUBLIC_ADDRESS.scheme == "http"
    and PUBLIC_ADDRESS.hostname in {"127.0.0.1", "localhost"}
)
SILENCED_SYSTEM_CHECKS = ["security.W008"] if LOCAL_TRIAL else []
# Load balancers probe each instance directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = flag("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Other sites may not load our pages, images or files as subresources (the API, read with CORS,
# is unaffected). "same-site" would let sibling subdomains do it.
CROSS_ORIGIN_RESOURCE_POLICY = os.environ.get("CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

# Cookies: HTTPS only, not sent cross-site, bound to this exact host (`__Host-`).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")

# Errors reach the operator: a Sentry-compatible server when SENTRY_DSN is set, otherwise an
# email to ADMINS (Django's mail_admins handler on the `django` logger) when CARE_ADMINS is.
if os.environ.get("SENTRY_DSN"):
    start_sentry(os.environ["SENTRY_DSN"])
else:
    ADMINS = admins_from(os.environ.get("CARE_ADMINS", ""))

# Form emails: queued in the database and sent by the `worker` process (Procfile), never in a
# visitor's request, so a slow or absent mail server holds no web worker. A new dict: base's
# stays as it is for whatever imports it.
TASKS = {
    **TASKS,
    "care_forms": {
        "BACKEND": os.environ.get("FORMS_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
    },
}

# Media on S3-compatible object storage when MEDIA_S3_BUCKET is set (object_storage.py): every
# instance then serves the same images, renditions and documents. Documents are always streamed
# by Wagtail's document view, which checks the privacy of their collection first; Wagtail would
# otherwise redirect visitors to the bucket, where a private document must never be.
OBJECT_STORAGE = object_storage_from(os.environ)
if OBJECT_STORAGE:
    STORAGES = {**STORAGES, "default": OBJECT_STORAGE.storage}
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    CONTENT_SECURITY_POLICY = with_image_origins(
        CONTENT_SECURITY_POLICY, OBJECT_STORAGE.image_origins
    )
