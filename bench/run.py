"""`make bench`: build the synthetic site at each size, measure every address in-process, then
under gunicorn with wrk; print one table and write the figures as JSON under bench/results/.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--quick]

SQLite always; PostgreSQL too when DATABASE_URL points at one (each size gets its own database,
named after DATABASE_URL's with the size appended). bench/README.md explains the figures."""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import datasets, load, report  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="Numbers of resources.")
    parser.add_argument(
        "--quick", action="store_true", help="Fewer requests and shorter load runs (a smoke test)."
    )
    parser.add_argument("--requests", type=int, help="In-process requests per address (≥ 100).")
    parser.add_argument("--seconds", type=int, help="Duration of each wrk run.")
    parser.add_argument("--no-load", action="store_true", help="Skip gunicorn and wrk.")
    parser.add_argument(
        "--no-announcements", action="store_true", help="Skip the meeting announcement figure."
    )
    parser.add_argument(
        "--reuse", action="store_true", help="Keep datasets already built instead of rebuilding."
    )
    parser.add_argument("--output", type=Path, help="Where to write the JSON.")
    parser.add_argument(
        "--reference",
        type=Path,
        help="Figures of the reference commit measured on this machine (reference_site.py).",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    args.requests = args.requests or (20 if args.quick else 100)
    args.seconds = args.seconds or (2 if args.quick else 5)
    return args


def engines():
    base = os.environ.get("DATABASE_URL", "")
    found = [("sqlite", "")]
    if datasets.is_postgres(base):
        found.append(("postgresql", base))
    return found


def measure_in_process(url, requests):
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "inprocess.py"), "--requests", str(requests)],
        cwd=ROOT,
        env=datasets.django_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    pages = json.loads(result.stdout)
    for row in pages.values():
        row.pop("warm_sql", None)  # in the table's JSON the counts are enough
    return pages


def measure_announcements(url):
    """The announcement figure (bench/announcements.py): once per database, it does not depend
    on the number of resources."""
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "announcements.py")],
        cwd=ROOT,
        env=datasets.django_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def environment(url):
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "versions.py")],
        cwd=ROOT,
        env=datasets.django_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def machine():
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory = meminfo.read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
    }


def git_commit():
    git = shutil.which("git")
    if not git:
        return ""
    result = subprocess.run(  # noqa: S603
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip()


def main(argv=None):
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    document = {
        "started": started.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "options": {"requests": args.requests, "seconds": args.seconds, "quick": args.quick},
        "runs": [],
    }
    if not args.no_load and not load.wrk_available():
        print(f"wrk is not installed ({load.WRK}): skipping the load test.", file=sys.stderr)
        args.no_load = True
    for engine, base_url in engines():
        for size in args.sizes:
            print(f"[{engine} {size}] building the dataset…", file=sys.stderr, flush=True)
            url, build_seconds = datasets.build(engine, size, base_url, reuse=args.reuse)
            run = {"database": engine, "size": size, "build_seconds": build_seconds}
            run["versions"] = environment(url)
            print(f"[{engine} {size}] measuring in-process…", file=sys.stderr, flush=True)
            run["pages"] = measure_in_process(url, args.requests)
            run["load"] = []
            if not args.no_load:
                print(f"[{engine} {size}] gunicorn + wrk…", file=sys.stderr, flush=True)
                targets = {name: run["pages"][name]["url"] for name in load.TARGETS}
                run["load"], run["memory"] = load.run_load(
                    url, targets, seconds=args.seconds, workers=max(2, os.cpu_count() or 2)
                )
            if not args.no_announcements and size == args.sizes[0]:
                print(f"[{engine} {size}] announcing to subscribers…", file=sys.stderr, flush=True)
                run["announcements"] = measure_announcements(url)
            document["runs"].append(run)
    document["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(exist_ok=True)
    output = args.output or RESULTS / f"{started:%Y%m%dT%H%M%SZ}-{platform.node()}.json"
    output.write_text(json.dumps(document, indent=1) + "\n")
    print(report.with_reference(document, args.reference))
    print(f"\nFigures written to {output}")


if __name__ == "__main__":
    main()
