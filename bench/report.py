"""The benchmark's table, from the JSON run.py writes; and the comparison of two runs.

.venv/bin/python bench/report.py RESULT.json              # the table again
.venv/bin/python bench/report.py OLD.json NEW.json        # NEW / OLD, address by address

Every table run.py prints is followed by the comparison with the reference figures kept in
bench/reference/ (the commit the work-per-page targets were set against)."""

import json
import sys
from pathlib import Path

PAGE_COLUMNS = [
    ("status", "status", "{}"),
    ("q warm", "queries_warm", "{}"),
    ("q cold", "queries_cold", "{}"),
    ("calls warm", "calls_warm", "{:,}"),
    ("bytes", "bytes_raw", "{:,}"),
    ("gzip", "bytes_gzip", "{:,}"),
    ("median ms", "median_ms", "{:.1f}"),
    ("p95 ms", "p95_ms", "{:.1f}"),
    ("cold ms", "cold_median_ms", "{:.1f}"),
    ("before jobs ms", "cold_before_jobs_ms", "{:.1f}"),
    ("cold/warm", "cold_over_warm", "{:.1f}"),
]
REFERENCE = Path(__file__).resolve().parent / "reference" / "89a1cba.json"


def table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(headers, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    for row in rows:
        lines.append(
            "  ".join(
                str(cell).rjust(width) if index else str(cell).ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def fmt(template, value):
    return "-" if value is None else template.format(value)


def render(document):
    parts = []
    runs = document["runs"]
    for run in runs:
        versions = run.get("versions", {})
        built = f", built in {run['build_seconds']} s" if run.get("build_seconds") else ""
        parts.append(
            f"\n{run['database']} ({versions.get('database', '')}), {run['size']:,} synthetic "
            f"resources ({versions.get('resources', '?')} resources, "
            f"{versions.get('partners', '?')} partners, {versions.get('events', '?')} events "
            f"in all){built}"
        )
        rows = [
            [name, *(fmt(template, figure(page, key)) for _label, key, template in PAGE_COLUMNS)]
            for name, page in run["pages"].items()
        ]
        parts.append(table(["address", *(label for label, _key, _t in PAGE_COLUMNS)], rows))
        if run.get("load"):
            rows = [
                [
                    row["target"],
                    "on" if row["page_cache"] else "off",
                    row["clients"],
                    fmt("{:.0f}", row["rps"]),
                    fmt("{:.1f}", row["p50_ms"]),
                    fmt("{:.1f}", row["p99_ms"]),
                    row["non_2xx"] + row["timeouts"],
                ]
                for row in run["load"]
            ]
            headers = ["gunicorn + wrk", "page cache", "clients", "req/s", "p50 ms", "p99 ms"]
            parts.append(table([*headers, "errors"], rows))
        if memory := run.get("memory"):
            parts.append(
                f"Workers after the load (page cache on): PSS {memory['workers_pss_mib']} MiB, "
                f"RSS {memory['workers_rss_mib']} MiB; master PSS {memory['master_pss_mib']} MiB"
            )
        if announced := run.get("announcements"):
            parts.append(
                f"Meeting announcement to {announced['subscribers']:,} subscribers over SMTP "
                f"on loopback: queued in {announced['queue_seconds']} s, sent in "
                f"{announced['send_seconds']} s ({announced['emails_per_second']} emails/s, "
                f"batches of {announced['batch']})"
            )
    parts.append(scaling(runs))
    machine = document.get("machine", {})
    versions = runs[0].get("versions", {}) if runs else {}
    parts.append(
        f"\nPython {versions.get('python', '?')}, Django {versions.get('django', '?')}, "
        f"Wagtail {versions.get('wagtail', '?')}; {machine.get('cpu', '')} "
        f"({machine.get('cpus', '?')} CPUs, {machine.get('memory', '')}); "
        f"commit {document.get('commit', '?')}"
    )
    return "\n".join(parts)


def scaling(runs):
    """Median latency at the largest size over the smallest, per database: how the site scales
    (the issue asks ≤ 1.5 for the library and search)."""
    lines = []
    for database in dict.fromkeys(run["database"] for run in runs):
        sized = sorted(
            (run for run in runs if run["database"] == database), key=lambda r: r["size"]
        )
        if len(sized) < 2:
            continue
        small, large = sized[0], sized[-1]
        rows = []
        for name, page in large["pages"].items():
            before = small["pages"].get(name, {})
            ratio = ratio_of(page.get("median_ms"), before.get("median_ms"))
            cold_ratio = ratio_of(page.get("cold_median_ms"), before.get("cold_median_ms"))
            rows.append(
                [
                    name,
                    fmt("{:.1f}", before.get("median_ms")),
                    fmt("{:.1f}", page.get("median_ms")),
                    fmt("{:.2f}", ratio),
                    fmt("{:.2f}", cold_ratio),
                    "same"
                    if page.get("queries_warm") == before.get("queries_warm")
                    else "DIFFERENT",
                ]
            )
        headers = [
            f"{database}: scaling",
            f"median @{small['size']:,}",
            f"median @{large['size']:,}",
            "ratio",
            "cold ratio",
            "warm queries",
        ]
        lines.append("\n" + table(headers, rows))
    return "\n".join(lines)


def figure(page, key):
    if key == "cold_over_warm":
        return ratio_of(page.get("cold_median_ms"), page.get("median_ms"))
    return page.get(key)


def with_reference(document, path=None):
    """The table, then the ratios to the reference figures: those in `path` (measured on this
    machine by reference_site.py), else those kept in bench/reference/ (another machine)."""
    text = render(document)
    source = path or REFERENCE
    if source.exists():
        reference = json.loads(source.read_text())
        where = (
            "on this machine"
            if reference.get("machine", {}).get("hostname") == document["machine"]["hostname"]
            else "on another machine: its times are rough, bench/reference_site.py measures it here"
        )
        text += (
            f"\n\nAgainst the reference (commit {reference.get('commit', '?')}, same harness, "
            f"{where}; calls are exact, times compare as ratios):"
        )
        text += compare(reference, document)
    return text


def mean(values):
    values = [value for value in values or () if value]
    return sum(values) / len(values) if values else None


def ratio_of(new, old):
    if not new or not old:
        return None
    return new / old


def compare(old, new):
    """NEW / OLD for each run both have (same database and size): latency and throughput
    ratios, and query counts that changed. Ratios, not times, are what carries between
    machines and noisy runs."""
    lines = []
    previous = {(run["database"], run["size"]): run for run in old["runs"]}
    for run in new["runs"]:
        before = previous.get((run["database"], run["size"]))
        if before is None:
            continue
        rows = []
        for name, page in run["pages"].items():
            was = before["pages"].get(name)
            if not was:
                continue
            rows.append(
                [
                    name,
                    f"{was.get('queries_warm')} → {page.get('queries_warm')}",
                    fmt("{:.2f}", ratio_of(page.get("calls_warm"), was.get("calls_warm"))),
                    f"{was.get('bytes_gzip')} → {page.get('bytes_gzip')}",
                    fmt("{:.2f}", ratio_of(page.get("median_ms"), was.get("median_ms"))),
                    fmt("{:.2f}", ratio_of(page.get("p95_ms"), was.get("p95_ms"))),
                    fmt("{:.2f}", ratio_of(page.get("cold_median_ms"), was.get("cold_median_ms"))),
                    fmt("{:.2f}", ratio_of(page.get("cold_median_ms"), was.get("median_ms"))),
                    fmt("{:.2f}", ratio_of(page.get("cold_before_jobs_ms"), was.get("median_ms"))),
                ]
            )
        headers = [f"{run['database']} {run['size']:,}", "warm queries", "calls ×", "gzip bytes"]
        timings = ["median ×", "p95 ×", "cold ×", "cold ÷ old warm", "before jobs ÷ old warm"]
        lines.append("\n" + table([*headers, *timings], rows))
        old_load = {(r["target"], r["page_cache"], r["clients"]): r for r in before.get("load", [])}
        rows = []
        for row in run.get("load", []):
            was = old_load.get((row["target"], row["page_cache"], row["clients"]))
            if was:
                rows.append(
                    [
                        f"{row['target']} cache {'on' if row['page_cache'] else 'off'}",
                        row["clients"],
                        fmt("{:.2f}", ratio_of(row["rps"], was["rps"])),
                        fmt("{:.2f}", ratio_of(row["p99_ms"], was["p99_ms"])),
                    ]
                )
        if rows:
            lines.append(table(["load", "clients", "req/s ×", "p99 ×"], rows))
        pss = ratio_of(
            mean((run.get("memory") or {}).get("workers_pss_mib")),
            mean((before.get("memory") or {}).get("workers_pss_mib")),
        )
        if pss:
            lines.append(f"worker PSS × {pss:.2f}")
    return "\n".join(lines) or "No run in common (same database and size)."


def main(argv):
    documents = [json.loads(Path(path).read_text()) for path in argv]
    if len(documents) == 1:
        print(render(documents[0]))
    elif len(documents) == 2:
        print(compare(*documents))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
