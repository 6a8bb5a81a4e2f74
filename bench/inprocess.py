"""In-process measurements of each benchmark address: status, SQL queries with a cold and a warm
cache, Python calls made by a warm request, response size raw and gzipped, latency over many
requests after a warm-up, and latency with a cold cache (each sample right after the cache is
emptied, as after any content change).

Run by bench/run.py in a child process with DJANGO_SETTINGS_MODULE=bench.settings and the
database to measure in DATABASE_URL; prints one JSON object."""

import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def percentile(samples, fraction):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


def count_calls(client, url):
    """Python function calls made serving one request: deterministic on one version of the
    code and its packages, so two commits compare exactly where timings only compare as ratios."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    return pstats.Stats(profiler).total_calls


# Eleven, not five: on a shared virtual machine one cold request in a few is slowed by half or
# more, and a median of five moved by a third between two runs minutes apart.
COLD_SAMPLES = 11


# What the scheduler does within a minute of a content change, on commits that have it.
JOBS_AFTER_A_CHANGE = ("keep_library_indexes",)


def timed_cold(client, url, before_each):
    timings = []
    for _ in range(COLD_SAMPLES):
        before_each()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure(client, url, requests, warmup):
    from django.core.cache import cache
    from django.core.management import call_command, get_commands

    # The first visitor after a change, before the scheduler's jobs have run (on a commit that
    # has them), then after: the bench's cold ms.
    jobs = [job for job in JOBS_AFTER_A_CHANGE if job in get_commands()]
    unkept_timings = []
    if jobs:
        from care_site.base.models import ContentVersion

        def a_change_no_job_has_seen():
            ContentVersion.move_on()
            cache.clear()

        unkept_timings = timed_cold(client, url, a_change_no_job_has_seen)
        for job in jobs:
            call_command(job)
    cold_timings = timed_cold(client, url, cache.clear)
    cache.clear()
    cold_response, cold = count_queries(client, url)
    for _ in range(warmup):
        client.get(url)
    response, warm = count_queries(client, url)
    calls_warm = count_calls(client, url)
    body = response.content
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "cold_status": cold_response.status_code,
        "queries_cold": len(cold),
        "queries_warm": len(warm),
        "calls_warm": calls_warm,
        "warm_sql": warm,
        "bytes_raw": len(body),
        "bytes_gzip": len(gzip.compress(body, compresslevel=6)),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "cold_median_ms": round(statistics.median(cold_timings), 2),
        "cold_before_jobs_ms": (
            round(statistics.median(unkept_timings), 2) if unkept_timings else None
        ),
    }


def freeze_the_loaded_site():
    """As gunicorn.conf.py does before forking its workers: what loading the site made is moved
    out of the garbage collector's reach, so a full collection in a measured request scans only
    what requests made. Without it, one cold request in a few took 100-250 ms more at 10,000
    resources, whichever it happened to be, which production's workers never pay."""
    import gc

    from django.core.wsgi import get_wsgi_application

    get_wsgi_application()
    gc.collect()
    gc.freeze()


def run(requests=100, warmup=5, only=None):
    setup_django()
    freeze_the_loaded_site()
    from django.test import Client

    from bench.targets import find_targets

    client = Client(raise_request_exception=False)
    targets = find_targets()
    results = {}
    for name, url in targets.items():
        if only and name not in only:
            continue
        results[name] = measure(client, url, requests, warmup)
    return results


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="Names of the addresses to measure.")
    parser.add_argument("--show-sql", action="store_true", help="Print the warm queries.")
    args = parser.parse_args(argv)
    results = run(args.requests, args.warmup, args.only)
    if args.show_sql:
        for name, row in results.items():
            print(f"== {name} {row['url']} ({row['queries_warm']} warm)", file=sys.stderr)
            for sql in row["warm_sql"]:
                print("   ", sql[:300], file=sys.stderr)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
