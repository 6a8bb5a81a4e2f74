"""Building one benchmark dataset: a fresh database (a SQLite file, or a PostgreSQL database
named after the one in DATABASE_URL), migrated and seeded with `seed_demo
--resources N`."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from loadtest.faults import recreate_postgres_database

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / ".data"


def is_postgres(url):
    return urlsplit(url or "").scheme in ("postgres", "postgresql", "pgsql")


def database_url(engine, size, base_url=""):
    """Where the dataset of `size` resources lives for `engine` ("sqlite" or "postgresql")."""
    if engine == "sqlite":
        DATA_DIR.mkdir(exist_ok=True)
        return f"sqlite:///{DATA_DIR / f'care_bench_{size}.sqlite3'}"
    parts = urlsplit(base_url)
    name = (parts.path.lstrip("/") or "care_bench") + f"_{size}"
    return urlunsplit(parts._replace(path=f"/{name}"))


def django_env(url, **extra):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.pop("REDIS_URL", None)  # one machine's memory cache: no network hop in the figures
    env.update(extra)
    return env


def manage(url, *args):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=django_env(url),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def recreate(engine, url):
    if engine == "sqlite":
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    recreate_postgres_database(url)


def exists(engine, url):
    if engine == "sqlite":
        return Path(urlsplit(url).path).exists()
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def build(engine, size, base_url="", reuse=False):
    """Make the dataset; returns (database URL, seconds it took, or None when reused)."""
    url = database_url(engine, size, base_url)
    if reuse and exists(engine, url):
        manage(url, "migrate", "--noinput")
        return url, None
    started = time.perf_counter()
    recreate(engine, url)
    manage(url, "migrate", "--noinput")
    manage(url, "seed_demo", "--resources", str(size))
    return url, round(time.perf_counter() - started, 1)
