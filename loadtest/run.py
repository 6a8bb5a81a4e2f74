"""`make loadtest`: the site under load, and under faults, on loopback.

Builds a fresh copy of the demo site (its own SQLite file, or its own PostgreSQL database when
DATABASE_URL names a PostgreSQL server; Redis database 15 when REDIS_URL is set), serves it with
gunicorn and production settings on 127.0.0.1, and sends it 60 s of traffic from 32 clients:
the landing page, the filtered library, resources, events, search, and form posts. wrk drives the
load when it is installed, else a small Python generator. Then it prints the figures and checks:
no 5xx, and every accepted post is in the database.

    .venv/bin/python loadtest/run.py [--duration 60] [--clients 32] [--fault postgres|redis|mail]

Fault runs: `postgres` restarts PostgreSQL a third of the way in, `redis` stops Redis for a few
seconds, `mail` points the mail settings at a closed port. The site must recover by itself and
lose no accepted submission; 5xx are allowed only while PostgreSQL is down (the requests
that arrive then, and those in flight). Exit status 0 when every check passes."""

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import faults, generator  # noqa: E402
from loadtest.client import SiteClient, form_fields  # noqa: E402
from loadtest.servers import Gunicorn, manage, production_env  # noqa: E402

LOADTEST_DB = "care_loadtest"
LOADTEST_REDIS_DB = 15
POST_SHARE = 0.15
GET_KEYS = ("landing", "library", "resource", "events", "search")
REPLY_TIMEOUT = 10  # seconds; posts stop this long before the end, so every reply is read


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    parser.add_argument("--port", type=int, default=8310, help="gunicorn port on 127.0.0.1")
    parser.add_argument("--workers", type=int, help="gunicorn workers (gunicorn.conf.py's)")
    parser.add_argument("--fault", choices=["postgres", "redis", "mail"])
    parser.add_argument("--generator", choices=["wrk", "python"], help="default: wrk if found")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    return parser.parse_args()


def database_url(workdir, fault):
    configured = os.environ.get("LOADTEST_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(configured)
        url = urlunsplit(parts._replace(path=f"/{LOADTEST_DB}"))
        faults.recreate_postgres_database(url)
        return url
    if fault == "postgres":
        sys.exit("--fault postgres needs DATABASE_URL=postgres://… (a PostgreSQL server)")
    return f"sqlite:///{workdir / 'db.sqlite3'}"


def redis_url(fault):
    configured = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/0" if fault == "redis" else ""
    )
    if not configured:
        return None
    url = urlunsplit(urlsplit(configured)._replace(path=f"/{LOADTEST_REDIS_DB}"))
    faults.flush_redis(url)
    return url


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free now, and nothing will listen on it


def build_env(args, workdir):
    settings = {
        "DJANGO_SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(workdir, args.fault),
        "REDIS_URL": redis_url(args.fault),
        "STATIC_ROOT": workdir / "static",
        "MEDIA_ROOT": workdir / "media",
        # Every client comes from 127.0.0.1: the per-address limit would stop the load itself.
        "CARE_FORMS_RATE_LIMIT": 0,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if args.fault == "mail":
        settings.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=closed_port(),
            EMAIL_TIMEOUT=2,
        )
    return production_env(**settings)


def prepare_site(env):
    for step in (
        ("migrate", "--noinput", "--verbosity", "0"),
        ("seed_demo",),
        ("collectstatic", "--noinput", "--verbosity", "0"),
    ):
        started = time.monotonic()
        manage(env, *step, timeout=900)
        print(f"  {step[0]}: {time.monotonic() - started:.0f} s", flush=True)
    return shell(env, "targets")


def shell(env, *args):
    call = ", ".join(repr(str(arg)) for arg in args)
    output = manage(env, "shell", "-c", f"from loadtest.discover import main; main({call})")
    return json.loads(output.strip().splitlines()[-1])


def form_session(server, targets):
    """A visitor's form, opened once: its cookie, CSRF token and timer are reused by every post,
    as they may be."""
    client = SiteClient(server.url)
    _action, fields = form_fields(client.get(targets["form"]).body, "form[method=post i]")
    fields.update(targets["answers"], care_consent="on")
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return cookie, urlencode(fields)


def recovered(server, targets, marker):
    """After the run: ready again, every page answers, and a new post is accepted. Returns
    (all well, posts accepted)."""
    client = SiteClient(server.url, timeout=10)
    deadline = time.monotonic() + 30
    while not ready(client):
        if time.monotonic() > deadline:
            return False, 0
        time.sleep(1)
    paths = [path for key in GET_KEYS for path in targets[key]]
    pages_ok = all(client.get(path).status == 200 for path in paths)
    _action, fields = form_fields(client.get(targets["form"]).body, "form[method=post i]")
    time.sleep(3.2)
    answers = {**fields, **targets["answers"], "care_consent": "on"}
    reply = client.post(targets["form"], {**answers, "message": f"{marker}-recovery"})
    accepted = reply.status == 200 and targets["thanks"] in reply.body
    return pages_ok and accepted, int(accepted)


def ready(client):
    try:
        return client.get("/readyz").status == 200
    except OSError:
        return False


def main():
    args = parse_args()
    use_wrk = (args.generator or ("wrk" if shutil.which("wrk") else "python")) == "wrk"
    workdir = Path(tempfile.mkdtemp(prefix="care-loadtest-"))
    print(f"Preparing a fresh demo site in {workdir}", flush=True)
    env = build_env(args, workdir)
    database = urlsplit(env["DATABASE_URL"]).scheme
    print(f"  database: {database}; cache: {'redis' if env.get('REDIS_URL') else 'local memory'}")
    targets = prepare_site(env)
    marker = f"load{int(time.time())}"
    server = Gunicorn(args.port, env, workers=args.workers or 0, log_path=workdir / "server.log")
    if not args.workers:
        server.env.pop("GUNICORN_WORKERS")
    server.start()
    fault = None
    try:
        cookie, body = form_session(server, targets)
        time.sleep(3.2)  # the spam timer: a person takes a few seconds to fill the form in
        fault = faults.start(args.fault, after=args.duration / 3)
        print(
            f"Load: {args.duration} s, {args.clients} clients, {'wrk' if use_wrk else 'Python'}"
            f"{f', fault: {args.fault}' if args.fault else ''}",
            flush=True,
        )
        load = {
            "base_url": server.url,
            "paths": [path for key in GET_KEYS for path in targets[key]],
            "form_path": targets["form"],
            "form_body": body,
            "cookie": cookie,
            "marker": marker,
            "thanks": targets["thanks"],
            "duration": args.duration,
            "clients": args.clients,
            "post_share": POST_SHARE,
            "post_until": args.duration - REPLY_TIMEOUT - 1,
            "timeout": REPLY_TIMEOUT,
        }
        figures = generator.run_wrk(**load) if use_wrk else generator.run_python(**load)
        fault_report, outage = faults.finish(fault)
        fault = None
        ok_after, extra_accepted = recovered(server, targets, marker)
        stored = shell(env, "submissions", targets["form_id"], marker)
    finally:
        if fault:
            faults.finish(fault)
        server.stop()
    figures["accepted"] += extra_accepted
    verdict = report(args, figures, stored, ok_after, fault_report, outage)
    if not args.keep and verdict:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"Work folder kept: {workdir} (server.log has the access log)")
    sys.exit(0 if verdict else 1)


def report(args, f, stored, ok_after, fault_report, outage):
    seconds = f["duration_us"] / 1e6
    unanswered = f["errors_timeout"] + f["errors_read"]
    extra = stored["stored"] - f["accepted"]
    rows = {
        "requests": f"{f['requests']} in {seconds:.1f} s = {f['requests'] / seconds:.1f}/s",
        "latency ms": f"p50 {f['p50_ms']}  p90 {f['p90_ms']}  p99 {f['p99_ms']}  max {f['max_ms']}",
        "statuses": f"2xx {f['s2xx']}  3xx {f['s3xx']}  4xx {f['s4xx']} (429: {f['s429']})  "
        f"5xx {f['s5xx']}",
        "socket errors": f"connect {f['errors_connect']}  read {f['errors_read']}  "
        f"timeout {f['errors_timeout']}",
        "form posts": f"built {f['posts']}  accepted {f['accepted']}  stored {stored['stored']}",
        "emails pending": f"{stored['emails_pending']} (sent later by send_form_emails)",
    }
    if fault_report:
        rows["fault"] = fault_report
    print()
    for label, value in rows.items():
        print(f"{label:<16}  {value}")
    checks = {
        "no accepted submission lost": extra >= 0,
        # A post whose reply was never read (a timeout, a reset) may be stored all the same.
        "stored == accepted (+ posts whose reply was not read)": 0 <= extra <= unanswered,
        "recovered by itself (ready, every page 200, a new post accepted)": ok_after,
    }
    if args.fault == "postgres":
        # Requests that arrive while the database is down, or are in flight as it goes, may
        # fail (at the run's own rate, with 2 s of slack); nothing else may.
        allowed = int(f["requests"] / seconds * (outage + 2))
        checks[f"5xx only while PostgreSQL was down (at most {allowed})"] = f["s5xx"] <= allowed
    else:
        checks["no 5xx"] = f["s5xx"] == 0
    for name, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    return all(checks.values())


if __name__ == "__main__":
    main()
