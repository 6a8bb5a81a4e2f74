"""Faults for the load runs, on this machine's own services only: PostgreSQL restarted, Redis
stopped for a few seconds and started again. Each is timed and always undone."""

import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REDIS_DOWN_SECONDS = 5
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip


def postgres_cluster():
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def recreate_postgres_database(url):
    """Drop and create the load run's own database on the server `url` names."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url):
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()


def redis_answers():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def restart_postgres(log):
    begin = time.monotonic()
    subprocess.run([*postgres_cluster(), "restart"], check=True, capture_output=True)  # noqa: S603
    log.append(("PostgreSQL restarted", time.monotonic() - begin))


def stop_and_start_redis(log):
    begin = time.monotonic()
    subprocess.run(  # noqa: S603
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],  # noqa: S607
        capture_output=True,
    )
    time.sleep(REDIS_DOWN_SECONDS)
    start_redis()
    log.append(("Redis down", time.monotonic() - begin))


def start_redis():
    if not redis_answers():
        subprocess.run(REDIS_START, check=True, capture_output=True)  # noqa: S603
    for _ in range(50):
        if redis_answers():
            return
        time.sleep(0.1)


ACTIONS = {"postgres": restart_postgres, "redis": stop_and_start_redis}


def start(kind, after):
    """Run the fault `kind` in the background `after` seconds from now (mail needs nothing: its
    settings point at a closed port from the start)."""
    if kind not in ACTIONS:
        return {"kind": kind, "thread": None, "log": [(f"{kind}: refused from the start", 0.0)]}
    log = []

    def act():
        time.sleep(after)
        try:
            ACTIONS[kind](log)
        except Exception as error:  # reported, and the services are brought back below
            log.append((f"{kind} fault failed: {error}", 0.0))

    thread = threading.Thread(target=act, daemon=True)
    thread.start()
    return {"kind": kind, "thread": thread, "log": log}


def finish(fault):
    """Wait for the fault to be over and make sure the services are up again. Returns what
    happened and for how many seconds the service was out."""
    if not fault or not fault["kind"]:
        return "", 0.0
    if fault["thread"]:
        fault["thread"].join()
    if fault["kind"] == "redis":
        start_redis()
    if fault["kind"] == "postgres":
        subprocess.run([*postgres_cluster(), "start"], capture_output=True)  # noqa: S603
    text = "; ".join(
        f"{what} ({seconds:.1f} s)" if seconds else what for what, seconds in fault["log"]
    )
    return text, sum(seconds for _what, seconds in fault["log"])
