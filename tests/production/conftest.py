"""Fixtures for the production tests: the production settings module applied to the test
client, and gunicorn servers run with production settings."""

import copy
import importlib

from django.db import connection

import pytest

from care_site.settings import base

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-test-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "testserver,care.example.org",
    "CARE_PUBLIC_URL": "https://care.example.org",
}
# What production changes about a response. Databases, caches, storage and logging stay the
# test settings' own.
RESPONSE_SETTINGS = [
    "DEBUG",
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "CROSS_ORIGIN_RESOURCE_POLICY",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
]


def restore_in_place(live, saved):
    """Give dictionary `live` the contents of `saved` again, keeping every nested dictionary
    object (the database connections hold on to theirs)."""
    for key in list(live):
        if key not in saved:
            del live[key]
    for key, value in saved.items():
        if isinstance(value, dict) and isinstance(live.get(key), dict):
            restore_in_place(live[key], value)
        else:
            live[key] = value


@pytest.fixture
def production_settings(settings, monkeypatch):
    """The response-shaping settings of care_site.settings.production, loaded from a production
    environment. Loading it adjusts dictionaries it shares with base; they are put back."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    shared = {name: copy.deepcopy(getattr(base, name)) for name in ("DATABASES", "LOGGING")}
    try:
        module = importlib.reload(importlib.import_module("care_site.settings.production"))
    finally:
        for name, saved in shared.items():
            restore_in_place(getattr(base, name), saved)
    for name in RESPONSE_SETTINGS:
        setattr(settings, name, copy.deepcopy(getattr(module, name)))
    return settings


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected as `make serve` collects them (hashed, compressed): production
    templates cannot render without the manifest."""
    from loadtest.servers import manage, production_env

    static_root = tmp_path_factory.mktemp("static")
    env = production_env(
        DJANGO_SECRET_KEY=PRODUCTION_ENV["DJANGO_SECRET_KEY"],
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=static_root,
    )
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return static_root


def database_url(db):
    """The address of database settings `db`, for a server started in another process."""
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


@pytest.fixture(scope="module")
def postgresql(django_db_setup):
    """For tests of several server processes sharing the test database: SQLite's is in memory.
    CI runs the suite on PostgreSQL as well."""
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… (the PostgreSQL run of the suite has it)")
