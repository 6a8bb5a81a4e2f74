"""Backups an operator can restore: the database and the media files, in one tar archive.

- SQLite is copied with its online backup API (a consistent copy while the site serves; a file
  copy could catch a write half done, and would miss what is still in the WAL file).
- PostgreSQL is dumped with `pg_dump --format=custom`, which must be at least as new as the
  server (an older one refuses, or writes a dump that restores badly): checked first.
- Media files (uploaded images, their renditions, documents) are read through Django's storage,
  so the same works for files on disk and in object storage.

Restoring replaces the database and the media with the archive's. The content version then
moves past both the restored and the replaced one, so no cache entry made before the restore,
on any worker, is answered again."""

import io
import json
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


# The database ------------------------------------------------------------------------------


def postgres_environment():
    """libpq's variables for the tools, from Django's settings (no password on a command line)."""
    settings = connection.settings_dict
    values = {
        "PGDATABASE": settings["NAME"],
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGHOST": settings.get("HOST"),
        "PGPORT": str(settings.get("PORT") or ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def run(command, **keywords):
    try:
        # A fixed command; the only value in it is a file name this module chose.
        return subprocess.run(command, check=True, capture_output=True, text=True, **keywords)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def check_pg_dump_version():
    """pg_dump's major version must be at least the server's."""
    output = run(["pg_dump", "--version"]).stdout  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    tool = int(re.search(r"\)\s+(\d+)", output).group(1))
    server = connection.cursor().connection.info.server_version // 10000
    if tool < server:
        raise BackupError(
            f"pg_dump {tool} is older than the PostgreSQL {server} server: install the "
            f"postgresql-client-{server} package."
        )


def dump_database(folder):
    """The database into `folder`; returns the file's name."""
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target.name
    check_pg_dump_version()
    target = folder / "database.pgdump"
    dump = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
    run(dump, env=postgres_environment())
    return target.name


def load_database(path):
    """Replace the database with the dump at `path`."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
        return
    connection.close()
    run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={connection.settings_dict['NAME']}", str(path)],
        env=postgres_environment(),
    )  # fmt: skip


# The media ---------------------------------------------------------------------------------


def media_names(folder=""):
    """Every file in the media storage, as storage names."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for child in folders:
        names += media_names(f"{folder}/{child}" if folder else child)
    return sorted(names)


# The archive -------------------------------------------------------------------------------


def content_version():
    from .models import ContentVersion

    try:
        return ContentVersion.objects.values_list("number", flat=True).first() or 0
    except Exception:  # no database yet, or not migrated: nothing to move past
        return 0


def backup(directory):
    """Write a backup archive into `directory`; returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    archive = directory / f"care-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory() as work:
        database = dump_database(Path(work))
        names = media_names()
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "database_file": database,
            "media_files": len(names),
        }
        with tarfile.open(archive, "w") as tar:
            add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            tar.add(Path(work) / database, arcname=database)
            for name in names:
                with default_storage.open(name, "rb") as file:
                    add_bytes(tar, MEDIA_PREFIX + name, file.read())
    return archive


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a CARE backup archive (no manifest).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"This backup holds a {manifest['database']} database; the site uses "
            f"{connection.vendor}. Set DATABASE_URL to match."
        )
    return manifest


def restore(archive):
    """Replace the database and the media with the archive's; returns its manifest."""
    from .models import ContentVersion

    replaced_version = content_version()
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(tar)
        tar.extract(manifest["database_file"], work, filter="data")
        load_database(Path(work) / manifest["database_file"])
        for name in media_names():
            default_storage.delete(name)
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith(MEDIA_PREFIX):
                name = member.name.removeprefix(MEDIA_PREFIX)
                saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
                if saved != name:
                    raise BackupError(f"The media storage renamed {name} to {saved}.")
    number = max(replaced_version, content_version()) + 1
    ContentVersion.objects.update_or_create(
        pk=1, defaults={"number": number, "changed_at": datetime.now(UTC)}
    )
    return manifest
