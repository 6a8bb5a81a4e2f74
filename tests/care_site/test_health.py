"""Load-balancer probes and the request id."""

import json
import logging

import pytest

from care_site.log_format import JsonFormatter
from care_site.request_id import REQUEST_ID_HEADER, RequestIdFilter


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any database access here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "cache": True}


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "cache": False}


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response[REQUEST_ID_HEADER]) == 32


def test_a_sane_incoming_request_id_is_kept_and_a_hostile_one_replaced(client):
    kept = client.get("/healthz", headers={REQUEST_ID_HEADER: "lb-abc123-XYZ"})
    assert kept[REQUEST_ID_HEADER] == "lb-abc123-XYZ"
    replaced = client.get("/healthz", headers={REQUEST_ID_HEADER: "x\r\nSet-Cookie: a=b"})
    assert replaced[REQUEST_ID_HEADER] != "x\r\nSet-Cookie: a=b"
    assert len(replaced[REQUEST_ID_HEADER]) == 32


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id_as_json(client):
    client.get("/en/no-such-page/", headers={REQUEST_ID_HEADER: "trace-0000-1111"})
    # Django logs the 404 after the middleware has returned; the id must still be there.
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found", (), None
    )
    assert RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-0000-1111"
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found"
