"""Backups restore, as an operator runs them (docs/deployment.md, "Backups"): a site with the
demo content, its images and a submission is backed up with `manage.py backup`, wiped
(database and media gone), and restored with `manage.py restore`; then it serves the same
pages, holds the same media files byte for byte, and the same submissions.

It runs on the database of the suite's pass: SQLite in a file of its own, or a PostgreSQL
database of its own on the suite's server."""

import io
import json
import shutil
import tarfile

from django.core.management import CommandError, call_command
from django.db import connection

import psycopg
import pytest

from loadtest.servers import manage, production_env
from tests.production.conftest import PRODUCTION_ENV, database_url

# Run in the site's process: what a visitor gets on every live page (the main content, less
# per-request tokens), every media file's digest, and every submission.
SNAPSHOT = r"""
import hashlib, json, re
from django.core.files.storage import default_storage
from django.test import Client
from wagtail.models import Page
from care_site.base.backups import media_names
from forms.models import Submission

client = Client()
pages = {}
for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
    response = client.get(page.url, secure=True)
    main = re.search(rb"<main.*?</main>", response.content, re.S)
    main = re.sub(rb'<input type="hidden"[^>]*>', b"", main.group(0) if main else b"")
    pages[page.url] = [response.status_code, hashlib.sha256(main).hexdigest()]
media = {}
for name in media_names():
    with default_storage.open(name, "rb") as file:
        media[name] = hashlib.sha256(file.read()).hexdigest()
submissions = sorted(
    [s.page_id, json.dumps(s.form_data, sort_keys=True), s.status]
    for s in Submission.objects.all()
)
print(json.dumps({"pages": pages, "media": media, "submissions": submissions}))
"""

SUBMIT = r"""
from forms.models import FormPage, Submission
page = FormPage.objects.live().first()
Submission.objects.create(page=page, form_data={"message": "Keep this safe: ñandú"})
"""


def snapshot(env):
    """The snapshot's line (the last: logging may write before it)."""
    return json.loads(manage(env, "shell", "-c", SNAPSHOT).splitlines()[-1])


@pytest.fixture
def site_database(tmp_path):
    """DATABASE_URL for an empty database of the suite's kind, and how to wipe it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "site.sqlite3"

        def wipe():
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)

        yield f"sqlite:///{path}", wipe
        return
    settings = dict(connection.settings_dict, NAME=f"{connection.settings_dict['NAME']}_backup")
    admin = database_url(dict(connection.settings_dict, NAME="postgres"))

    def wipe():
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{settings["NAME"]}"')

    wipe()
    yield database_url(settings), wipe
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')


def test_backup_wipe_restore_gives_back_the_same_site(tmp_path, site_database, collected_static):
    url, wipe = site_database
    media = tmp_path / "media"
    env = production_env(
        **PRODUCTION_ENV,
        DATABASE_URL=url,
        MEDIA_ROOT=media,
        STATIC_ROOT=collected_static,
        SECURE_SSL_REDIRECT="false",
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo")
    manage(env, "shell", "-c", SUBMIT)
    before = snapshot(env)
    assert before["submissions"] and before["media"]
    assert any(name.startswith("original_images/") for name in before["media"])
    assert all(status == 200 for status, _ in before["pages"].values())

    archive = manage(env, "backup", "--output", str(tmp_path / "backups")).strip()

    wipe()
    shutil.rmtree(media)
    said = manage(env, "restore", "--yes", archive)
    assert f"{len(before['media'])} media file(s)" in said

    after = snapshot(env)
    assert after["pages"] == before["pages"]
    assert after["media"] == before["media"]
    assert after["submissions"] == before["submissions"]


def archive_holding(path, manifest):
    with tarfile.open(path, "w") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return str(path)


def test_restore_asks_first_and_does_nothing_unless_told_yes(tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", archive_holding(tmp_path / "a.tar", {"format": 1}))


def test_an_archive_from_another_kind_of_database_is_refused(tmp_path):
    kind = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = archive_holding(
        tmp_path / "other.tar", {"format": 1, "database": kind, "database_file": "x"}
    )
    with pytest.raises(CommandError, match=f"holds a {kind} database"):
        call_command("restore", archive, "--yes")


def test_something_else_than_a_backup_is_refused(tmp_path):
    with tarfile.open(tmp_path / "x.tar", "w"):
        pass
    with pytest.raises(CommandError, match="not a CARE backup"):
        call_command("restore", str(tmp_path / "x.tar"), "--yes")
