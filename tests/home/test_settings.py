"""Settings that protect visitors and editors: no outside requests from the admin, production
refusing to start half-configured, and language redirects at the site root."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def test_admin_makes_no_outside_requests_by_configuration():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


@pytest.mark.django_db
def test_admin_dashboard_loads_nothing_from_outside(admin_client, admin_user):
    admin_user.email = "editor@example.org"  # an address Gravatar would have a picture for
    admin_user.save()
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html
    assert "wagtail.org/news" not in html


@pytest.mark.django_db
def test_admin_account_page_shows_no_gravatar(admin_client, admin_user):
    admin_user.email = "editor@example.org"
    admin_user.save()
    response = admin_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert "gravatar.com" not in response.content.decode()


def import_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", "import care_site.settings.production"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"ALLOWED_HOSTS": "care.example.org"},
        {"DJANGO_SECRET_KEY": "a-long-random-production-secret"},
        {"DJANGO_SECRET_KEY": "   ", "ALLOWED_HOSTS": "care.example.org"},
        {"DJANGO_SECRET_KEY": "a-long-random-production-secret", "ALLOWED_HOSTS": ""},
        {"DJANGO_SECRET_KEY": "a-long-random-production-secret", "ALLOWED_HOSTS": " , "},
    ],
    ids=[
        "nothing",
        "no-secret",
        "no-hosts",
        "blank-secret",
        "empty-hosts",
        "hosts-only-commas",
    ],
)
def test_production_refuses_to_start_half_configured(env):
    result = import_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_when_configured():
    result = import_production(
        DJANGO_SECRET_KEY="a-long-random-production-secret",
        ALLOWED_HOSTS="care.example.org,www.care.example.org",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("en", "/en/"), ("es", "/es/"), ("es-MX,es;q=0.9", "/es/"), ("fr", "/en/")],
)
def test_site_root_redirects_by_accept_language(client, home_page, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target
