"""Production security: every HTML response carries the headers and cookie attributes the
security checklist asks for. (The deploy checklist itself is tested in test_settings.py.)"""

import pytest

from tests.helpers import parse_csp


@pytest.fixture
def landing(home_page):
    return home_page


def secure_get(client, path):
    return client.get(path, secure=True, headers={"X-Forwarded-Proto": "https"})


def test_http_is_redirected_to_https(production_settings, client, landing):
    response = client.get("/en/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/"


def test_html_responses_carry_the_security_headers(production_settings, client, landing):
    response = secure_get(client, "/en/")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_a_strict_content_security_policy(client, landing):
    policy = parse_csp(client.get("/en/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_the_admin_keeps_its_own_policy_without_being_framed_elsewhere(admin_client):
    policy = parse_csp(admin_client.get("/admin/")["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_cookies_are_host_bound_secure_and_lax(production_settings, client, landing, admin_user):
    login_page = secure_get(client, "/admin/login/")
    csrf = login_page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax" and csrf["path"] == "/"
    signed_in = client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": "password"},
        secure=True,
        headers={"X-Forwarded-Proto": "https"},
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax" and session["path"] == "/"
