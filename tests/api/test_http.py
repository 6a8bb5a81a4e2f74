"""HTTP behaviour of the read endpoints: CORS for allowed origins, caching headers, 304s."""

from django.test import override_settings
from django.utils.http import http_date

import pytest

ORIGIN = "https://front.example.org"
READ_URLS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]


@pytest.fixture
def content(library, standard_page):
    return library


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
@pytest.mark.parametrize("url", READ_URLS)
def test_reads_are_open_to_allowed_origins_only(client, content, url):
    allowed = client.get(url, HTTP_ORIGIN=ORIGIN)
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get(url, HTTP_ORIGIN="https://elsewhere.example")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_preflight_for_a_json_form_post(client, contact_form):
    response = client.options(
        f"/api/v2/forms/{contact_form.pk}/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]
    refused = client.options(
        f"/api/v2/forms/{contact_form.pk}/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in refused


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_html_pages_share_nothing(client, home_page):
    response = client.get("/en/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("url", [*READ_URLS, "detail"])
def test_reads_carry_validators_and_answer_304(client, content, url):
    if url == "detail":
        url = f"/api/v2/pages/{content['policy_report'].pk}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_publishing_changes_the_etag_and_last_modified(client, content):
    report = content["policy_report"]
    url = f"/api/v2/pages/{report.pk}/"
    first = client.get(url)
    report.title = "A new title"
    report.save_revision().publish()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["title"] == "A new title"
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_clock_dependent_pages_have_an_etag_but_no_last_modified(client, meetings, home_page):
    for page in (meetings["upcoming"], home_page):
        response = client.get(f"/api/v2/pages/{page.pk}/")
        assert "ETag" in response
        assert "Last-Modified" not in response
    listing = client.get("/api/v2/pages/?type=events.EventPage&when=upcoming")
    assert "Last-Modified" not in listing


def test_errors_are_not_cached(client, db):
    response = client.get("/api/v2/pages/?limit=5000")
    assert response.status_code == 400
    assert "ETag" not in response
    assert "max-age" not in response.get("Cache-Control", "")


def test_missing_page_is_a_json_404_not_a_redirect(client, db):
    response = client.get("/api/v2/pages/987654/")
    assert response.status_code == 404
    assert response.json() == {"message": "No Page matches the given query."}
