"""Mozilla's HTTP Observatory grades the landing page and a form page A+ under production
settings: each of its tests is run on the real responses (tests/production/observatory.py) and
scored as the Observatory scores them."""

import pytest

from forms.models import FormPage
from tests.production import observatory
from tests.production.observatory import Fetched, Scan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

HOST = "testserver"
HTTPS = {"X-Forwarded-Proto": "https"}
ONE_YEAR = 31_536_000


def fetched(response, url):
    headers = {}
    for name, value in response.headers.items():
        headers.setdefault(name.lower(), []).append(value)
    cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    if cookies:
        headers["set-cookie"] = cookies
    body = response.content.decode() if not response.streaming else ""
    return Fetched(url=url, status=response.status_code, headers=headers, body=body)


def get(client, url, **headers):
    secure = url.startswith("https://")
    path = url.split(HOST, 1)[1]
    if secure:
        headers = {**HTTPS, **headers}
    return fetched(client.get(path, secure=secure, headers=headers), url)


def http_chain(client, path):
    """GET http://host/path and follow the redirects, as the scanner does (at most 5)."""
    chain = [get(client, f"http://{HOST}{path}")]
    while chain[-1].status in (301, 302, 303, 307, 308) and len(chain) < 6:
        location = chain[-1].header("location")
        if location.startswith("/"):
            location = f"{chain[-1].url.split('/', 3)[0]}//{HOST}{location}"
        chain.append(get(client, location))
    return chain


def scan(client, path):
    return Scan(
        page=get(client, f"https://{HOST}{path}"),
        http_chain=http_chain(client, path),
        cross_origin=get(client, f"https://{HOST}{path}", Origin="https://attacker.example"),
    ).run()


# Scripts only from this origin (or none at all on the page): neither needs integrity hashes.
SAME_ORIGIN_SCRIPTS = {
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "sri-not-implemented-but-no-scripts-loaded",
}
EXPECTED_BOTH = {
    "content-security-policy": "csp-implemented-with-no-unsafe",
    "cross-origin-resource-sharing": "cross-origin-resource-sharing-not-implemented",
    "redirection": "redirection-to-https",
    "referrer-policy": "referrer-policy-private",
    "strict-transport-security": "hsts-implemented-max-age-at-least-six-months",
    "x-content-type-options": "x-content-type-options-nosniff",
    "x-frame-options": "x-frame-options-implemented-via-csp",
    "cross-origin-resource-policy": "corp-implemented-with-same-origin",
}


def test_the_landing_page_grades_a_plus(production_settings, client):
    result = scan(client, "/en/")
    assert result.page.status == 200
    assert (result.score, result.grade) == (125, "A+")
    results = dict(result.results)
    assert results.pop("subresource-integrity") in SAME_ORIGIN_SCRIPTS
    assert results == {**EXPECTED_BOTH, "cookies": "cookies-not-found"}
    assert_headers(result.page)


def test_a_form_page_grades_a_plus_with_its_csrf_cookie(production_settings, client):
    form = FormPage.objects.get(slug="connect-with-us", locale__language_code="en")
    result = scan(client, form.url)
    assert result.page.status == 200
    assert 'name="csrfmiddlewaretoken"' in result.page.body
    assert (result.score, result.grade) == (130, "A+")
    results = dict(result.results)
    assert results.pop("subresource-integrity") in SAME_ORIGIN_SCRIPTS
    assert results == {
        **EXPECTED_BOTH,
        "cookies": "cookies-secure-with-httponly-sessions-and-samesite",
    }
    assert_headers(result.page)
    (csrf,) = result.page.headers["set-cookie"]
    assert csrf.startswith("__Host-csrftoken=")
    assert "Secure" in csrf and "SameSite=Lax" in csrf and "Path=/" in csrf
    assert "Domain=" not in csrf  # a __Host- cookie must not name a domain


def assert_headers(page):
    """The values behind the grades, as the issue asks for them."""
    hsts = [part.strip() for part in page.header("strict-transport-security").split(";")]
    assert f"max-age={ONE_YEAR}" in hsts and "includeSubDomains" in hsts
    policy = observatory.parse_csp(page.header("content-security-policy"))
    assert not policy["script-src"] & {"'unsafe-inline'", "'unsafe-eval'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert page.header("x-content-type-options") == "nosniff"
    assert page.header("referrer-policy") == "same-origin"
    assert page.header("cross-origin-opener-policy") == "same-origin"
    assert page.header("cross-origin-resource-policy") == "same-origin"


def test_the_session_cookie_of_a_signed_in_editor_passes_the_cookie_test(
    production_settings, client, admin_user
):
    response = client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": "password"},
        secure=True,
        headers=HTTPS,
    )
    assert response.status_code == 302
    page = fetched(response, f"https://{HOST}/admin/login/")
    assert any(c.startswith("__Host-sessionid=") for c in page.headers["set-cookie"])
    assert observatory.cookies_test(page) == "cookies-secure-with-httponly-sessions-and-samesite"


# The grader itself: it must be able to fail.


def bare(url="https://care.example.org/", **headers):
    return Fetched(url=url, status=200, headers={k: [v] for k, v in headers.items()})


def test_a_site_without_any_protection_grades_f():
    page = bare(**{"content-type": "text/html"})
    page.body = '<script src="http://cdn.example.net/x.js"></script>'
    result = Scan(page=page, http_chain=[bare("http://care.example.org/")], cross_origin=page)
    result.run()
    assert result.results["subresource-integrity"] == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    )
    assert result.results["redirection"] == "redirection-missing"
    assert result.grade == "F"


CSP_CASES = {
    "default-src 'self'; script-src 'self' 'unsafe-inline'": "csp-implemented-with-unsafe-inline",
    "default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'": (
        "csp-implemented-with-no-unsafe"
    ),
    "default-src 'self'; script-src 'self' 'unsafe-eval'": "csp-implemented-with-unsafe-eval",
    "default-src 'self'; style-src 'self' 'unsafe-inline'": (
        "csp-implemented-with-unsafe-inline-in-style-src-only"
    ),
    "default-src 'none'; script-src 'self'": "csp-implemented-with-no-unsafe-default-src-none",
    "script-src 'self'": "csp-implemented-with-unsafe-inline",
    "default-src 'self'; img-src http:": (
        "csp-implemented-with-insecure-scheme-in-passive-content-only"
    ),
    "default-src 'self'; default-src 'none'": "csp-header-invalid",
}


@pytest.mark.parametrize(("policy", "expected"), CSP_CASES.items())
def test_content_security_policy_results(policy, expected):
    assert observatory.csp_test(bare(**{"content-security-policy": policy})) == expected


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        ("sessionid=a; Secure; SameSite=Lax", "cookies-session-without-httponly-flag"),
        ("sessionid=a; HttpOnly; SameSite=Lax", "cookies-session-without-secure-flag"),
        ("csrftoken=a; Secure", "cookies-anticsrf-without-samesite-flag"),
        ("theme=a; Secure; HttpOnly", "cookies-secure-with-httponly-sessions"),
    ],
)
def test_cookie_results(cookie, expected):
    assert observatory.cookies_test(bare(**{"set-cookie": cookie})) == expected


@pytest.mark.parametrize(
    ("total", "letter"), [(135, "A+"), (100, "A+"), (99, "A"), (89, "A-"), (64, "C+"), (0, "F")]
)
def test_grade_chart(total, letter):
    assert observatory.grade(total) == letter


def test_bonuses_count_only_from_an_a():
    assert observatory.score(["hsts-not-implemented", "csp-implemented-with-no-unsafe"]) == 80
    assert (
        observatory.score(["x-content-type-options-not-implemented", "referrer-policy-private"])
        == 100
    )
