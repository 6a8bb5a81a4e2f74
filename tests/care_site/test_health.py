"""Load-balancer probes, and the request id: kept from the proxy when sane, echoed, logged."""

import asyncio
import io
import json
import logging
import logging.config
import re

from django.conf import settings as django_settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

import pytest

from care_site.log_format import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"


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
    assert response.json() == {"status": "ok", "checks": {"database": True, "cache": True}}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def database_down(monkeypatch):
    """Every new connection refused, as when PostgreSQL is stopped (the health check opens its
    own connection, in a thread of its own)."""

    def refuse(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "temporary_connection", refuse)


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["*/*", "text/html", "text/plain", "application/json"])
def test_readyz_is_503_when_the_database_is_down(client, database_down, accept):
    response = client.get("/readyz", headers={"Accept": accept})
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": False, "cache": True},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["*/*", "text/html"])
def test_a_cache_that_is_down_leaves_the_instance_ready_but_degraded(client, settings, accept):
    """Pages are still served without the cache: pulling every instance out of the load
    balancer for it would take the site down."""
    settings.CACHES = {
        "default": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"}
    }
    response = client.get("/readyz", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": True, "cache": False}}
    assert "no-cache" in response["Cache-Control"]


def test_every_response_carries_a_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first[REQUEST_ID_HEADER])
    assert first[REQUEST_ID_HEADER] != second[REQUEST_ID_HEADER]


@pytest.mark.parametrize(
    "incoming", ["lb-abc123-XYZ", "6f1c1c9e0d8a4b7f9e2a3b4c5d6e7f80", "a" * 128]
)
def test_a_sane_incoming_request_id_is_kept(client, incoming):
    response = client.get("/healthz", headers={REQUEST_ID_HEADER: incoming})
    assert response[REQUEST_ID_HEADER] == incoming


@pytest.mark.parametrize(
    "hostile", ["x\r\nSet-Cookie: a=b", "short", "a" * 129, "id with spaces", "id=1;rm", ""]
)
def test_a_malformed_incoming_request_id_is_replaced(client, hostile):
    replaced = client.get("/healthz", headers={REQUEST_ID_HEADER: hostile})[REQUEST_ID_HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)


def configured_request_id_filter():
    """The `request_id` filter as LOGGING configures it for the console handler."""
    config = dict(django_settings.LOGGING["filters"]["request_id"])
    return logging.config.DictConfigurator(django_settings.LOGGING).configure_filter(config)


@pytest.fixture
def json_log():
    """What the console handler would write for `django.request`, through the configured filter
    and the JSON formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(configured_request_id_filter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id_as_json(client, json_log):
    response = client.get("/en/no-such-page/", headers={REQUEST_ID_HEADER: "trace-0000-1111"})
    assert response.status_code == 404
    # Django logs the 404 after the middleware has returned; the id must still be on the line.
    [line] = [line for line in json_log() if line["message"].startswith("Not Found")]
    assert line["request_id"] == "trace-0000-1111"
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"


@pytest.mark.django_db
def test_a_generated_request_id_is_the_one_logged_and_echoed(client, json_log):
    response = client.get("/en/no-such-page/", headers={REQUEST_ID_HEADER: "bad id"})
    [line] = [line for line in json_log() if line["message"].startswith("Not Found")]
    assert line["request_id"] == response[REQUEST_ID_HEADER]
    assert line["request_id"] != "bad id"


def test_log_lines_outside_a_request_say_so():
    record = logging.LogRecord("care", logging.INFO, __file__, 1, "started", (), None)
    assert configured_request_id_filter().filter(record)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"


@pytest.mark.django_db
def test_readiness_answers_from_a_thread_already_running_an_event_loop(client):
    """As under a server (or test tool) whose thread runs asyncio: no 500 from async_to_sync."""

    async def probe():
        return client.get("/readyz")

    response = asyncio.run(probe())
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
