"""Publishing purges the CDN copy, and a slow or failing purge server never stalls or breaks
publishing (loopback servers only)."""

import http.server
import threading
import time

import pytest

from care_site.frontend_cache import TimeoutHTTPBackend
from home.factories import StandardPageFactory


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    delay = 0.0
    status = 200
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        time.sleep(self.delay)
        type(self).purged.append((self.headers["Host"], self.path))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    def start(delay=0.0, status=200):
        handler = type(
            "Handler", (PurgeRecorder,), {"delay": delay, "status": status, "purged": []}
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", handler

    servers = []
    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def configure(settings):
    def apply(location, timeout=0.5):
        settings.WAGTAILFRONTENDCACHE = {
            "proxy": {
                "BACKEND": "care_site.frontend_cache.TimeoutHTTPBackend",
                "LOCATION": location,
                "TIMEOUT": timeout,
            }
        }

    return apply


@pytest.mark.django_db
def test_publishing_purges_the_page_in_each_language(purge_server, configure, home_page):
    location, handler = purge_server()
    configure(location)
    page = StandardPageFactory(parent=home_page, slug="about")
    page.save_revision().publish()
    assert ("localhost", "/en/about/") in handler.purged


def test_a_slow_purge_server_is_given_up_on_quickly(purge_server, caplog):
    location, _handler = purge_server(delay=3)
    backend = TimeoutHTTPBackend({"LOCATION": location, "TIMEOUT": 0.3})
    started = time.monotonic()
    backend.purge("http://localhost/en/about/")
    assert time.monotonic() - started < 2
    assert "Couldn't purge" in caplog.text


def test_a_failing_purge_is_logged_not_raised(purge_server, caplog):
    location, _handler = purge_server(status=500)
    TimeoutHTTPBackend({"LOCATION": location, "TIMEOUT": 1}).purge("http://localhost/en/")
    assert "HTTP 500" in caplog.text
