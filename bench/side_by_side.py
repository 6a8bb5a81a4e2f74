"""The first visitor after an edit here against every visitor of the reference commit, address
by address: the reference commit's in-process figures for one address, then this commit's, and
so on, `--rounds` times, so the two sides of each ratio are measured seconds apart. (Measured as
two whole runs minutes apart, the reference's own warm median of one page moved by a third
between runs on a shared machine, as much as the changes being measured.)

    .venv/bin/python bench/side_by_side.py [--commit 89a1cba] [--sizes 10000] [--rounds 3]
        [--only landing partners …] [--requests 100]

SQLite, and PostgreSQL too when DATABASE_URL points at one. Datasets already built are reused
(this commit's as run.py builds them, the reference's in its worktree as reference_site.py
does). Prints, for each database and size, every address's cold ms here, the reference's warm
ms, and cold ÷ old warm in each round with the median of the rounds; writes them to
bench/results/side-by-side-<time>-<host>.json."""

import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import datasets, report  # noqa: E402
from bench.reference_site import DEFAULT_COMMIT, reference_database_url, worktree  # noqa: E402
from bench.run import RESULTS, engines  # noqa: E402

# What a reference dataset is built with: the reference commit's own harness, in its worktree.
BUILD = (
    "import json, sys; sys.path.insert(0, '.'); from bench.datasets import build; "
    "print(json.dumps(build(sys.argv[1], int(sys.argv[2]), sys.argv[3], reuse=True)[0]))"
)
NAMES = (
    "import json, sys; sys.path.insert(0, '.'); import django; django.setup(); "
    "from bench.targets import find_targets; print(json.dumps(list(find_targets())))"
)


def python(place, url, *args):
    result = subprocess.run(  # noqa: S603 - our harness, or the reference commit's copy of it
        [sys.executable, *args],
        cwd=place,
        env=datasets.django_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(place, url, name, requests):
    """One address's in-process figures (bench/inprocess.py) in the site at `place`."""
    return python(place, url, "bench/inprocess.py", "--requests", str(requests), "--only", name)[
        name
    ]


def summarize(rounds):
    """{name: figures} from `rounds`, a list of {name: (reference row, this row)}: each round's
    cold ms here, warm ms there and their ratio, and the median ratio."""
    summary = {}
    for pairs in rounds:
        for name, (old, new) in pairs.items():
            entry = summary.setdefault(name, {"cold_ms": [], "old_warm_ms": [], "ratios": []})
            entry["cold_ms"].append(new["cold_median_ms"])
            entry["old_warm_ms"].append(old["median_ms"])
            entry["ratios"].append(report.ratio_of(new["cold_median_ms"], old["median_ms"]))
    for entry in summary.values():
        entry["median_ratio"] = statistics.median(entry["ratios"])
    return summary


def render(database, size, summary):
    rows = [
        [
            name,
            " / ".join(f"{ms:.1f}" for ms in entry["cold_ms"]),
            " / ".join(f"{ms:.1f}" for ms in entry["old_warm_ms"]),
            " / ".join(f"{ratio:.2f}" for ratio in entry["ratios"]),
            f"{entry['median_ratio']:.2f}",
        ]
        for name, entry in summary.items()
    ]
    headers = [f"{database} {size:,}", "cold ms", "old warm ms", "cold ÷ old warm", "median"]
    return report.table(headers, rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commit", default=DEFAULT_COMMIT)
    parser.add_argument("--sizes", default="10000", help="Numbers of resources.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--only", nargs="*", help="Names of the addresses to measure.")
    args = parser.parse_args(argv)
    place = worktree(args.commit)
    started = datetime.datetime.now(datetime.UTC)
    document = {"commit": args.commit, "started": started.isoformat(timespec="seconds")}
    document["runs"] = []
    for engine, base_url in engines():
        for size in [int(size) for size in args.sizes.split(",") if size.strip()]:
            print(f"[{engine} {size}] datasets…", file=sys.stderr, flush=True)
            ours, _seconds = datasets.build(engine, size, base_url, reuse=True)
            theirs = python(
                place, "", "-c", BUILD, engine, str(size), reference_database_url(base_url)
            )
            names = args.only or python(ROOT, ours, "-c", NAMES)
            rounds = []
            for number in range(1, args.rounds + 1):
                print(f"[{engine} {size}] round {number}…", file=sys.stderr, flush=True)
                rounds.append(
                    {
                        name: (
                            measure(place, theirs, name, args.requests),
                            measure(ROOT, ours, name, args.requests),
                        )
                        for name in names
                    }
                )
            summary = summarize(rounds)
            document["runs"].append({"database": engine, "size": size, "pages": summary})
            print(render(engine, size, summary) + "\n")
    RESULTS.mkdir(exist_ok=True)
    output = RESULTS / f"side-by-side-{started:%Y%m%dT%H%M%SZ}-{platform.node()}.json"
    output.write_text(json.dumps(document, indent=1) + "\n")
    print(f"Figures written to {output}")


if __name__ == "__main__":
    main()
