"""The operator hears about errors, as production is configured from the environment: with
SENTRY_DSN, the error reaches a Sentry-compatible server (here a stand-in on loopback) without
the visitor's form answers or cookies; without it, an email goes to CARE_ADMINS."""

import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from loadtest.servers import manage, production_env
from tests.production.conftest import PRODUCTION_ENV

# A request that fails inside the site, carrying what a visitor's form post would.
FAIL_ONE_REQUEST = r"""
import sentry_sdk
from django.test import Client
import care_site.health

def broken(request):
    raise ZeroDivisionError("the site failed here")

care_site.health.healthz = broken  # before the first request loads the URLs
response = Client(raise_request_exception=False).post(
    "/healthz",
    {"email": "secret.person@example.org", "message": "words only staff may read"},
    HTTP_COOKIE="__Host-sessionid=session-secret",
)
print("status", response.status_code)
sentry_sdk.flush(timeout=5)
"""


class Collector(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        self.received.append((self.path, body.decode(errors="replace")))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def fail_one_request(env, tmp_path):
    """Run FAIL_ONE_REQUEST in the site's process, from a file (a command line is reported
    along with errors, and this one holds the answers that must not be)."""
    script = tmp_path / "fail_one_request.py"
    script.write_text(FAIL_ONE_REQUEST)
    return manage(env, "shell", "-c", f"exec(open({str(script)!r}).read())")


def site_env(tmp_path, collected_static, **settings):
    return production_env(
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        STATIC_ROOT=collected_static,
        SECURE_SSL_REDIRECT="false",
        **settings,
    )


def test_an_error_reaches_the_sentry_server_without_personal_data(
    tmp_path, collected_static, sentry_server
):
    port = sentry_server.server_address[1]
    env = site_env(
        tmp_path,
        collected_static,
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/42",
        SENTRY_ENVIRONMENT="trial",
        CARE_ADMINS="Ops <ops@example.org>",
    )
    output = fail_one_request(env, tmp_path)
    assert "status 500" in output
    envelopes = [body for path, body in Collector.received if path == "/api/42/envelope/"]
    assert envelopes, Collector.received
    event = json.loads(next(line for line in envelopes[0].splitlines() if '"exception"' in line))
    assert event["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    assert event["environment"] == "trial"
    assert event["transaction"] == "/healthz"
    sent = "\n".join(envelopes)
    for private in ("secret.person@example.org", "words only staff may read", "session-secret"):
        assert private not in sent
    # With Sentry in charge, nobody is mailed as well.
    assert "ops@example.org" not in output


def test_without_sentry_the_admins_are_mailed(tmp_path, collected_static):
    env = site_env(tmp_path, collected_static, CARE_ADMINS="Ops <ops@example.org>")
    output = fail_one_request(env, tmp_path)
    assert "status 500" in output
    # The console email backend (the default when no mail server is configured) prints it.
    assert "To: ops@example.org" in output
    assert "[Django] ERROR" in output and "ZeroDivisionError" in output
