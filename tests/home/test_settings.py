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


def import_production(code="import care_site.settings.production", **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SECRET_KEY",
            "ALLOWED_HOSTS",
            "CARE_PUBLIC_URL",
            "WAGTAILADMIN_BASE_URL",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
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
        {"DJANGO_SECRET_KEY": "a-long-random-production-secret", "ALLOWED_HOSTS": "care.org"},
        {"DJANGO_SECRET_KEY": "a-long-random-production-secret", "CARE_PUBLIC_URL": "care.org"},
        {
            "DJANGO_SECRET_KEY": "a-long-random-production-secret",
            "CARE_PUBLIC_URL": "https://care.example.org:8443",
        },
    ],
    ids=[
        "nothing",
        "no-secret",
        "no-hosts",
        "blank-secret",
        "empty-hosts",
        "hosts-only-commas",
        "no-public-address",
        "public-address-without-scheme",
        "https-on-a-port-wagtail-cannot-say",
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
        CARE_PUBLIC_URL="https://care.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_the_public_address_alone_gives_the_hosts_origins_and_base_urls():
    result = import_production(
        "from care_site.settings import production as p; print(p.ALLOWED_HOSTS, "
        "p.CSRF_TRUSTED_ORIGINS, p.CARE_PUBLIC_URL, p.WAGTAILADMIN_BASE_URL, "
        "p.WAGTAILAPI_BASE_URL, sep='|')",
        DJANGO_SECRET_KEY="a-long-random-production-secret",
        CARE_PUBLIC_URL="https://Care.Example.org/",
        CSRF_TRUSTED_ORIGINS="https://www.care.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "['care.example.org']",
        "['https://care.example.org', 'https://www.care.example.org']",
        "https://care.example.org",
        "https://care.example.org",
        "https://care.example.org",
    ]


def test_a_site_that_gave_its_address_as_the_admin_base_url_keeps_it():
    result = import_production(
        "from care_site.settings import production as p; print(p.CARE_PUBLIC_URL)",
        DJANGO_SECRET_KEY="a-long-random-production-secret",
        WAGTAILADMIN_BASE_URL="https://care.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://care.example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("en", "/en/"), ("es", "/es/"), ("es-MX,es;q=0.9", "/es/"), ("fr", "/en/")],
)
def test_site_root_redirects_by_accept_language(client, home_page, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target
