"""Fixtures for the resource library tests: a small library with known topics, types,
publishers and years, and a local web server for the link checker."""

import datetime
import http.server
import threading
import time

from django.conf import settings
from django.utils import translation

import pytest

from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory, TopicFactory


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request for a Spanish page in an earlier test
    leaves Spanish active in the thread (Django's LocaleMiddleware never resets it), and the
    link checker's messages are translated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def library(resource_index):
    """Six resources under the library, with two topics, two types, two partner publishers and
    three years, so every facet has choices and combinations have known answers:

    | title        | topics         | type   | publisher | year |
    | Alpha report | policy         | report | lawnet    | 2023 |
    | Beta report  | policy, data   | report | healthorg | 2022 |
    | Gamma video  | data           | video  | lawnet    | 2023 |
    | Delta video  | civic          | video  | (other)   | 2021 |
    | Epsilon tool | civic, policy  | report | healthorg | 2021 |
    | Zeta law     | (none)         | (none) | (other)   | none |
    """
    partners = PartnerIndexPageFactory(parent=resource_index.get_parent())
    lawnet = PartnerPageFactory(parent=partners, title="Law Network", slug="lawnet")
    healthorg = PartnerPageFactory(parent=partners, title="Health Org", slug="healthorg")
    policy = TopicFactory(name="Policy and law", slug="policy", sort_order=1)
    data = TopicFactory(name="Data and research", slug="data", sort_order=2)
    civic = TopicFactory(name="Civic health", slug="civic", sort_order=3)
    TopicFactory(name="Unused topic", slug="unused", sort_order=4)
    report = ResourceTypeFactory(name="Report", slug="report", sort_order=1)
    video = ResourceTypeFactory(name="Video", slug="video", sort_order=2)

    def make(title, topics, kind, publisher, year, **extra):
        return ResourcePageFactory(
            parent=resource_index,
            title=title,
            summary=f"Summary of {title}.",
            topics=topics,
            resource_type=kind,
            publisher_page=publisher,
            publisher_name="" if publisher else "Someone Else",
            publication_date=datetime.date(year, 6, 1) if year else None,
            **extra,
        )

    pages = {
        "alpha": make("Alpha report", [policy], report, lawnet, 2023),
        "beta": make("Beta report", [policy, data], report, healthorg, 2022),
        "gamma": make("Gamma video", [data], video, lawnet, 2023),
        "delta": make("Delta video", [civic], video, None, 2021),
        "epsilon": make("Epsilon tool", [civic, policy], report, healthorg, 2021),
        "zeta": make("Zeta law", [], None, None, None),
    }
    return pages


class _Handler(http.server.BaseHTTPRequestHandler):
    """200 at /ok, a 301 from /moved to /ok, 404 at /missing, 405 to HEAD (200 to GET) at
    /no-head, and an answer after a pause at /slow. Every request to /count/* is counted in
    flight, to check the checker's concurrency bound."""

    in_flight = 0
    max_in_flight = 0
    lock = threading.Lock()

    def _answer(self, with_body):
        if self.path.startswith("/count/"):
            cls = type(self)
            with cls.lock:
                cls.in_flight += 1
                cls.max_in_flight = max(cls.max_in_flight, cls.in_flight)
            time.sleep(0.15)
            with cls.lock:
                cls.in_flight -= 1
            return self._send(200, with_body)
        if self.path == "/ok":
            return self._send(200, with_body)
        if self.path == "/moved":
            return self._send(301, with_body, location="/ok")
        if self.path == "/to-elsewhere-on-loopback":
            port = self.server.server_address[1]
            return self._send(302, with_body, location=f"http://127.0.0.2:{port}/ok")
        if self.path == "/no-head" and not with_body:
            return self._send(405, with_body)
        if self.path == "/no-head":
            return self._send(200, with_body)
        if self.path == "/slow":
            time.sleep(1)
            return self._send(200, with_body)
        return self._send(404, with_body)

    def _send(self, status, with_body, location=None):
        body = b"<!doctype html><title>test</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self):  # noqa: N802 - the name http.server calls
        self._answer(with_body=False)

    def do_GET(self):  # noqa: N802
        self._answer(with_body=True)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def link_server(settings):
    """A web server on 127.0.0.1 (a free port), serving until the test ends; its base URL.
    Loopback is refused to the checker unless the operator allows it, as here."""
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    _Handler.in_flight = _Handler.max_in_flight = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.block_on_close = False  # a still-sleeping /slow answer must not hold up the test
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def link_server_stats():
    return _Handler
