"""docs/deployment.md's trial of production settings over plain HTTP, as written: the guide's
`.env` plus its trial lines (another free port for the address), then `make serve` in a clean
clone. The site answers through Caddy on loopback, without redirecting to HTTPS, and the
deployment check silences the redirect warning and nothing else.

Like test_documented_setup.py, on the SQLite pass only, and skipped without Caddy unless in CI."""

import contextlib
import time
import urllib.request

import pytest

from loadtest.servers import free_port
from tests.production.documented import (
    guide_blocks,
    guide_commands,
    operator_env,
    operator_workspace,
    write_env,
)

STARTUP_SECONDS = 180


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    # urllib follows redirects: a redirect to https would end in a connection error here.
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    work, clone, home = operator_workspace(tmp_path_factory, "documented-trial")
    port = free_port()
    guide_env, trial_env = guide_blocks(clone, "dotenv")
    assert "CARE_PUBLIC_URL=http://127.0.0.1:8080" in trial_env  # what the guide says, moved:
    write_env(
        clone,
        [guide_env, trial_env],
        {
            "DJANGO_SECRET_KEY": "documented-trial-" + "s3cr3t" * 10,
            "CARE_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
            "GUNICORN_WORKERS": 1,
        },
    )
    serve = guide_blocks(clone, "sh")[-1]
    assert serve.strip() == "make serve"
    site = guide_commands(clone, [serve], operator_env(home), work / "trial.log").start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert site.running(), site.log()[-6000:]
            assert time.monotonic() < deadline, f"not served in {STARTUP_SECONDS} s"
            with contextlib.suppress(OSError):
                if fetch(f"{url}/healthz")[0] == 200:
                    break
            time.sleep(0.5)
        yield {"url": url, "site": site}
    finally:
        site.stop()


def test_the_trial_serves_pages_over_plain_http(trial):
    status, headers, body = fetch(f"{trial['url']}/en/")
    assert status == 200
    assert b"<html" in body
    assert headers["Content-Security-Policy"]  # Django's answer, through the proxy


def test_the_trial_serves_static_files_from_the_proxy(trial):
    status, headers, _body = fetch(f"{trial['url']}/static/css/site.css")
    assert status == 200
    # Caddy's lifetime for a name without a hash (WhiteNoise would have said a year).
    assert headers["Cache-Control"] == "public, max-age=3600"


def test_only_the_redirect_warning_is_silenced(trial):
    assert "System check identified no issues (1 silenced)." in trial["site"].log()
