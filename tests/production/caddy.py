"""Debian's Caddy, the proxy of the one-machine set-up (deploy/Caddyfile): tests that need it
are skipped without it, saying why, except in CI (`CI` set), which installs it (.ci/run)."""

import json
import os
import shutil
import subprocess

import pytest

from loadtest.servers import ROOT

CADDYFILE = ROOT / "deploy" / "Caddyfile"


def require_caddy():
    if shutil.which("caddy") is None:
        message = "needs Debian's caddy (apt-get install caddy; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def adapted(**env):
    """The JSON configuration Caddy makes of deploy/Caddyfile in environment `env`."""
    result = subprocess.run(  # noqa: S603
        ["caddy", "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"],  # noqa: S607
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return json.loads(result.stdout)
