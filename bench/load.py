"""The site under gunicorn on 127.0.0.1, loaded by wrk for a fixed time at several numbers of
concurrent clients, with and without the page cache."""

import re
import shutil
import socket
import subprocess
from contextlib import contextmanager
from pathlib import Path

from bench.datasets import ROOT, django_env
from loadtest.servers import Gunicorn

WRK = shutil.which("wrk") or "/usr/bin/wrk"
PORTS = range(8200, 8300)
# The pages that share the load test.
TARGETS = ("landing", "resource", "library")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk_available():
    return Path(WRK).exists()


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("No free port between 8200 and 8299.")


@contextmanager
def gunicorn(url, page_cache, workers):
    env = django_env(url, BENCH_PAGE_CACHE="on" if page_cache else "off")
    config = ROOT / "bench" / "gunicorn_bench.py"
    with Gunicorn(free_port(), env, workers=workers, config=config) as server:
        yield server


def memory_kib(pid, field):
    """`field` ("Pss", "Rss") of process `pid`, from /proc (Linux), in KiB; None elsewhere."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in lines if line.startswith(f"{field}:")), None)


def worker_memory(master_pid):
    """Each worker's proportional set size (PSS: pages shared with the master and the other
    workers counted as a share, not in full) and resident size, in MiB, and the master's PSS."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        pids = [int(pid) for pid in children.read_text().split()]
    except OSError:
        return None

    def mib(pid, field):
        kib = memory_kib(pid, field)
        return None if kib is None else round(kib / 1024, 1)

    return {
        "workers_pss_mib": [mib(pid, "Pss") for pid in pids],
        "workers_rss_mib": [mib(pid, "Rss") for pid in pids],
        "master_pss_mib": mib(master_pid, "Pss"),
    }


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def parse_wrk(output):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    return {
        "rps": float(rps.group(1)) if rps else None,
        "p50_ms": to_ms(p50.group(1)) if p50 else None,
        "p99_ms": to_ms(p99.group(1)) if p99 else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def wrk(address, clients, seconds, threads):
    command = [
        WRK,
        f"-t{min(threads, clients)}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        address,
    ]
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    return parse_wrk(result.stdout)


def run_load(url, targets, *, clients=(8, 32), seconds=5, workers=2, threads=2):
    """([{target, page_cache, clients, rps, p50_ms, p99_ms, ...}] for each combination, the
    workers' memory after the load with the page cache on, as in production)."""
    rows, memory = [], None
    for page_cache in (False, True):
        with gunicorn(url, page_cache, workers) as server:
            for name, path in targets.items():
                wrk(server.url + path, 2, 1, threads)  # warm-up: renditions, caches, connections
                for count in clients:
                    row = wrk(server.url + path, count, seconds, threads)
                    rows.append({"target": name, "page_cache": page_cache, "clients": count, **row})
            if page_cache:
                memory = worker_memory(server.process.pid)
    return rows, memory
