"""What the end-to-end tests of docs/deployment.md's "One machine" need: a clean clone of this
commit with this checkout's packages, a `.env` made of the guide's own ```dotenv blocks, and
the guide's commands run in one shell, stopped with everything they started."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

from loadtest.servers import INHERITED_OUT, ROOT, ProcessGroup
from tests.production.caddy import require_caddy
from tests.production.guide import blocks, dotenv, section

GUIDE = Path("docs") / "deployment.md"  # read in the clone: the guide of the commit tested
SECTION = "One machine (`make serve`)"


def only_once_with_caddy():
    if connection.vendor != "sqlite":
        pytest.skip("the documented set-up is tested once per CI run, on the SQLite pass")
    require_caddy()


def guide_blocks(clone, language):
    return blocks(section(clone / GUIDE, SECTION), language)


def clean_clone(work):
    """This commit, cloned, with this checkout's packages: what is not committed is not
    tested."""
    target = work / "site"
    commit = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    for command in (
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)],
        ["git", "-C", str(target), "checkout", "--quiet", "--detach", commit],
    ):
        subprocess.run(command, check=True, timeout=120, capture_output=True)  # noqa: S603
    borrow_virtualenv(target)
    return target


def operator_workspace(tmp_path_factory, name):
    """(work folder, clean clone, the operator's home) for one documented set-up, once per CI
    run and only with Caddy."""
    only_once_with_caddy()
    work = tmp_path_factory.mktemp(name)
    clone = clean_clone(work)
    home = work / "home"
    home.mkdir()
    return work, clone, home


def borrow_virtualenv(clone):
    """The clone's `.venv` is this one's packages under the clone's name, so the guide's
    `make install` finds it installed: same lock file, same packages, nothing reinstalled."""
    own = Path(sys.prefix)
    assert own != Path(sys.base_prefix), "run the suite from the project's .venv"
    venv = clone / ".venv"
    venv.mkdir()
    shutil.copy(own / "pyvenv.cfg", venv / "pyvenv.cfg")
    for name in ("bin", "lib"):
        (venv / name).symlink_to(own / name)
    (venv / ".installed").touch()  # newer than the clone's requirements.lock


def write_env(clone, dotenv_blocks, settings):
    """`.env` made of `dotenv_blocks` of the guide, with the test's values for the names it
    sets, and its other settings after them."""
    lines, given = [], set()
    for block in dotenv_blocks:
        for name, line in dotenv(block):
            lines.append(f"{name}={settings[name]}" if name in settings else line)
            given.add(name)
    lines += [f"{name}={value}" for name, value in settings.items() if name not in given]
    (clone / ".env").write_text("\n".join(lines) + "\n")


def operator_env(home):
    """The environment of the site's user: this one's, less the test suite's Django settings,
    with `home` as home (where Caddy keeps its certificates and authority)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in INHERITED_OUT and not name.startswith(("XDG_", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), PYTHONUNBUFFERED="1")
    return env


def guide_commands(clone, commands, env, log_path):
    """Shell commands of the guide run in one shell, in order, as an operator types them (the
    last, `make serve`, keeps running); stopping it stops everything they started."""
    script = "set -eu\n" + "\n".join(commands)
    return ProcessGroup(["bash", "-c", script], clone, env, log_path)
