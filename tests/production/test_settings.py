"""Production settings read everything from the environment and refuse what cannot work."""

import subprocess
import sys

import pytest

from loadtest.servers import ROOT, production_env
from tests.production.conftest import PRODUCTION_ENV

LOAD_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; print(settings.{})"
)


def production(expression, **env):
    result = subprocess.run(  # noqa: S603 (our own settings module)
        [sys.executable, "-c", LOAD_SETTINGS.format(expression)],
        cwd=ROOT,
        env=production_env(**{**PRODUCTION_ENV, **env}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout.strip(), result.stderr


@pytest.mark.django_db
def test_probes_are_answered_over_plain_http_for_load_balancers(production_settings, client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json()["status"] == "ok"
    assert client.get("/en/").status_code == 301  # everything else goes to HTTPS


def test_the_balancers_request_id_is_echoed_even_on_the_https_redirect(production_settings, client):
    response = client.get("/en/", headers={"X-Request-ID": "lb-abc123-XYZ"})
    assert response.status_code == 301
    assert response["X-Request-ID"] == "lb-abc123-XYZ"


MEDIA_ON_AWS = {"MEDIA_S3_BUCKET": "care-media", "MEDIA_S3_REGION": "eu-west-1"}


def test_media_on_a_bucket_is_django_storages_with_documents_through_the_document_view():
    expression = (
        'STORAGES["default"]["BACKEND"], settings.WAGTAILDOCS_SERVE_METHOD, '
        'settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]'
    )
    status, output, errors = production(expression, **MEDIA_ON_AWS)
    assert status == 0, errors
    assert output == (
        "storages.backends.s3.S3Storage serve_view "
        "[\"'self'\", 'data:', 'https://care-media.s3.amazonaws.com']"
    )


def test_media_on_a_bucket_without_django_storages_is_refused_with_the_fix():
    # As a process would be where the package is not installed (not the locked environment).
    hide_storages = "import sys; sys.modules['storages'] = None; "
    result = subprocess.run(  # noqa: S603 (our own settings module)
        [sys.executable, "-c", hide_storages + LOAD_SETTINGS.format("STORAGES")],
        cwd=ROOT,
        env=production_env(**PRODUCTION_ENV, **MEDIA_ON_AWS),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "storages is not installed" in result.stderr and "make install" in result.stderr


def test_media_on_disk_by_default():
    status, output, errors = production('STORAGES["default"]["BACKEND"]')
    assert status == 0, errors
    assert output == "django.core.files.storage.FileSystemStorage"


def test_production_sends_form_emails_from_the_worker_never_in_the_request():
    code, out, err = production('TASKS["care_forms"]["BACKEND"], settings.EMAIL_TIMEOUT')
    assert code == 0, err
    assert out == "django_tasks_db.DatabaseBackend 5"
    # Base settings (what `make run` and the tests use) keep the immediate backend.
    code, out, err = production(
        'TASKS["care_forms"]["BACKEND"]',
        DJANGO_SETTINGS_MODULE="care_site.settings.base",
    )
    assert code == 0, err
    assert out == "django_tasks.backends.immediate.ImmediateBackend"


# `make serve` runs `check --deploy --fail-level WARNING` first and stops at any warning.

LOCAL_TRIAL = {"CARE_PUBLIC_URL": "http://127.0.0.1:8000", "SECURE_SSL_REDIRECT": "false"}


def deploy_check(**env):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**{**PRODUCTION_ENV, **env}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def test_the_deploy_check_passes_a_production_configuration():
    status, output = deploy_check()
    assert status == 0, output


def test_the_deploy_check_passes_the_documented_local_trial_over_http():
    status, output = deploy_check(**LOCAL_TRIAL)
    assert status == 0, output
    assert "1 silenced" in output


def test_the_local_trial_still_refuses_a_weak_secret_key():
    status, output = deploy_check(
        **LOCAL_TRIAL, DJANGO_SECRET_KEY="change-me-to-a-long-random-string"
    )
    assert status != 0
    assert "security.W009" in output
    assert "security.W008" not in output


def test_turning_the_redirect_off_for_a_public_host_is_still_refused():
    status, output = deploy_check(
        CARE_PUBLIC_URL="http://care.example.org", SECURE_SSL_REDIRECT="false"
    )
    assert status != 0
    assert "security.W008" in output


def test_an_http_public_address_on_a_site_that_redirects_to_https_is_refused():
    status, output = deploy_check(CARE_PUBLIC_URL="http://care.example.org")
    assert status != 0
    assert "care.W001" in output and "CARE_PUBLIC_URL" in output
