"""Every error under /api/ is the JSON the OpenAPI document promises, `{"message": ...}` (its
`Error` component), whoever produces it: the API's views, Django REST framework (a body it
cannot parse, a method it does not allow), or Django itself (an address nothing answers, a
refused host, a failed CSRF check, an exception nobody caught). The HTML site keeps its HTML
error pages."""

import json

from django.test import Client

import jsonschema_rs
import pytest

from care_site.api.endpoints import CarePagesAPIViewSet
from care_site.api.schema import build_schema

SCHEMAS = build_schema()["components"]["schemas"]


def assert_error(response, status, schema="Error"):
    """The response is a `status` answered as JSON matching the schema's component `schema`,
    with a message to show; returns the message."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].split(";")[0] == "application/json"
    body = response.json()
    jsonschema_rs.validate(SCHEMAS[schema], body)
    assert body["message"].strip()
    return body["message"]


@pytest.fixture
def strict_client():
    """A client like a browser or a script: CSRF checks on, exceptions answered as responses."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


# -- The form API: bodies DRF refuses ------------------------------------------------------


def test_malformed_json_is_a_400_with_a_message(client, contact_form):
    response = client.post(
        f"/api/v2/forms/{contact_form.pk}/", "{bad", content_type="application/json"
    )
    message = assert_error(response, 400, schema="FormErrors")
    assert "JSON" in message
    assert "detail" not in response.json()


def test_a_body_that_is_not_json_is_a_415_with_a_message(client, contact_form):
    response = client.post(f"/api/v2/forms/{contact_form.pk}/", "a=1", content_type="text/plain")
    assert_error(response, 415, schema="FormErrors")


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_method_a_form_does_not_take_is_a_405_with_allow(strict_client, contact_form, method):
    response = getattr(strict_client, method)(f"/api/v2/forms/{contact_form.pk}/")
    assert_error(response, 405)
    assert set(response["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


# -- Addresses and methods nothing answers ---------------------------------------------------

UNMATCHED = [
    "/api/v2/pages/null,null/",
    "/api/v2/pages/-1/",
    "/api/v2/images/abc/",
    "/api/v2/nothing/",
    "/api/v2/",
    "/api/",
    "/api/v1/pages/",
    "/api/v2/forms/null/",
    "/api/v2/preview/token/null/",
]


@pytest.mark.parametrize("url", UNMATCHED)
def test_an_address_nothing_answers_is_a_json_404(strict_client, db, url):
    assert_error(strict_client.get(url), 404)


def test_a_missing_page_detail_is_a_json_404(strict_client, db):
    assert_error(strict_client.get("/api/v2/pages/987654/"), 404)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v2/pages/"),
        ("delete", "/api/v2/pages/1/"),
        ("put", "/api/v2/images/"),
        ("post", "/api/v2/preview/"),
        ("post", "/api/v2/schema/"),
        ("delete", "/api/v2/schema/"),
    ],
)
def test_a_method_an_endpoint_does_not_take_is_a_json_405(strict_client, db, method, url):
    response = getattr(strict_client, method)(url)
    assert_error(response, 405)
    assert "GET" in response["Allow"]


def test_the_schema_still_answers_get_and_head(strict_client, db):
    assert strict_client.get("/api/v2/schema/").json()["openapi"].startswith("3.1")
    assert strict_client.head("/api/v2/schema/").status_code == 200


def test_a_failed_csrf_check_is_a_json_403(strict_client, db):
    # The token view reads the session, so a post to it meets Django's CSRF check first.
    assert_error(strict_client.post("/api/v2/preview/token/1/"), 403)


def test_a_host_not_allowed_is_a_json_400(strict_client, db):
    assert_error(strict_client.get("/api/v2/pages/", HTTP_HOST="elsewhere.example"), 400)


def test_an_uncaught_exception_is_a_json_500(strict_client, db, monkeypatch):
    def broken(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(CarePagesAPIViewSet, "listing_view", broken)
    message = assert_error(strict_client.get("/api/v2/pages/"), 500)
    assert "a bug" not in message


def test_the_html_site_keeps_its_html_error_pages(strict_client, home_page):
    response = strict_client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_missing_slash_is_still_redirected(client, db):
    response = client.get("/api/v2/pages")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/"


# -- Query parameters the read endpoints refuse ----------------------------------------------


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("operator", ["and", "or", "xor"])
def test_search_operator_without_search_is_a_400(client, db, endpoint, operator):
    message = assert_error(client.get(f"/api/v2/{endpoint}/?search_operator={operator}"), 400)
    assert "search" in message


def test_search_operator_with_search_is_taken(get_json, library):
    data = get_json("/api/v2/pages/?search=policy%20report&search_operator=or")
    assert library["policy_report"].pk in {item["id"] for item in data["items"]}


def test_a_bad_search_operator_is_a_400_even_when_the_words_clean_to_nothing(client, db):
    assert_error(client.get("/api/v2/pages/?search=%22&search_operator=xor"), 400)


EMPTY_VALUES = [
    "type=",
    "order=",
    "fields=",
    "search=",
    "search_operator=",
    "search=report&search_operator=",
    "locale=",
    "child_of=",
    "limit=",
    "type=resources.ResourcePage&topic=",
    "type=resources.ResourcePage&year=",
    "type=events.EventPage&when=",
]


@pytest.mark.parametrize("query", EMPTY_VALUES)
def test_a_parameter_without_a_value_is_a_400(client, db, query):
    assert_error(client.get(f"/api/v2/pages/?{query}"), 400)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("query", ["order=", "fields=", "search="])
def test_a_media_parameter_without_a_value_is_a_400(client, db, endpoint, query):
    assert_error(client.get(f"/api/v2/{endpoint}/?{query}"), 400)


@pytest.mark.parametrize("query", ["fields=", "rich_text_format="])
def test_a_detail_parameter_without_a_value_is_a_400(client, home_page, query):
    message = assert_error(client.get(f"/api/v2/pages/{home_page.pk}/?{query}"), 400)
    assert query.rstrip("=") in message


def test_the_empty_value_message_names_the_parameter(client, db):
    message = assert_error(client.get("/api/v2/pages/?type="), 400)
    assert "type" in message


def test_a_search_of_punctuation_alone_still_lists_everything(get_json, library):
    # As on the library page: words cleaned to nothing mean no search, not an error.
    searched = get_json("/api/v2/pages/?search=%22&type=resources.ResourcePage")
    everything = get_json("/api/v2/pages/?type=resources.ResourcePage")
    assert searched["meta"]["total_count"] == everything["meta"]["total_count"] == 4


# -- DRF's own errors, outside the views above ------------------------------------------------


def drf_error(path, exc):
    from django.test import RequestFactory

    from rest_framework.request import Request

    from care_site.api.errors import exception_handler

    request = Request(RequestFactory().get(path))
    data = exception_handler(exc, {"request": request, "view": None}).data
    return json.loads(json.dumps(data))  # as sent


def test_field_errors_take_the_form_errors_shape():
    from rest_framework.exceptions import ValidationError

    data = drf_error("/api/v2/forms/1/", ValidationError({"email": ["Enter a valid email."]}))
    jsonschema_rs.validate(SCHEMAS["FormErrors"], data)
    assert data["errors"] == {"email": ["Enter a valid email."]}


def test_drf_errors_outside_the_api_keep_their_shape():
    from rest_framework.exceptions import MethodNotAllowed

    assert set(drf_error("/admin/api/main/pages/", MethodNotAllowed("POST"))) == {"detail"}
