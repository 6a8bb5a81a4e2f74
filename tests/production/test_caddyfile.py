"""deploy/Caddyfile as Caddy reads it, for a real site and for a trial on a laptop, and
`make serve` without Caddy. (test_documented_setup.py runs it in front of the site.)"""

import subprocess

import pytest

from loadtest.servers import ROOT
from tests.production.caddy import adapted, require_caddy


@pytest.fixture(autouse=True)
def caddy():
    require_caddy()


def issuers(config):
    policies = config["apps"].get("tls", {}).get("automation", {}).get("policies", [])
    return [issuer["module"] for policy in policies for issuer in policy.get("issuers", [])]


def test_a_real_site_listens_on_443_everywhere_with_a_public_certificate():
    config = adapted(CARE_PUBLIC_URL="https://care.example.org")
    http = config["apps"]["http"]
    [server] = http["servers"].values()
    assert server["listen"] == ["0.0.0.0:443", "[::]:443"]
    assert http["http_port"] == 80  # where Caddy answers ACME challenges and redirects
    assert "internal" not in issuers(config)  # Caddy's default: ACME, automatically
    assert config["admin"] == {"disabled": True}
    dials = {upstream["dial"] for upstream in find(server, "upstreams")}
    assert dials == {"127.0.0.1:8000"}  # gunicorn.conf.py's default bind


def test_the_proxy_sends_to_gunicorn_where_it_listens():
    config = adapted(CARE_PUBLIC_URL="https://care.example.org", GUNICORN_BIND="127.0.0.1:8123")
    [server] = config["apps"]["http"]["servers"].values()
    assert {upstream["dial"] for upstream in find(server, "upstreams")} == {"127.0.0.1:8123"}


def test_a_trial_uses_the_local_authority_on_the_given_ports():
    config = adapted(
        CARE_PUBLIC_URL="https://care.test",
        CARE_TLS="internal",
        CARE_HTTPS_PORT="8443",
        CARE_PROXY_BIND="127.0.0.1",
    )
    [server] = config["apps"]["http"]["servers"].values()
    assert server["listen"] == ["127.0.0.1:8443"]
    assert issuers(config) == ["internal"]


def test_a_plain_http_trial_on_loopback_has_no_tls():
    config = adapted(
        CARE_PUBLIC_URL="http://127.0.0.1:8080",
        SECURE_SSL_REDIRECT="false",
        CARE_PROXY_BIND="127.0.0.1",
    )
    [server] = config["apps"]["http"]["servers"].values()
    assert server["listen"] == ["127.0.0.1:8080"]
    assert issuers(config) == []


def test_make_serve_without_caddy_says_what_to_install(tmp_path):
    (tmp_path / "make").symlink_to("/usr/bin/make")
    result = subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", "serve"],  # noqa: S607
        cwd=ROOT,
        env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "install it first, e.g. apt-get install caddy" in result.stderr


def find(node, key):
    """Every value of `key` anywhere in a JSON structure, flattened when lists."""
    found = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key:
                found += value if isinstance(value, list) else [value]
            else:
                found += find(value, key)
    elif isinstance(node, list):
        for item in node:
            found += find(item, key)
    return found
