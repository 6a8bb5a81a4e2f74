"""The two load generators: wrk with loadtest/mix.lua, or threads of plain HTTP clients when wrk
is not installed. Both return the same figures."""

import http.client
import json
import os
import random
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

MIX = Path(__file__).with_name("mix.lua")


def run_wrk(*, base_url, paths, form_path, form_body, cookie, marker, thanks, duration,
            clients, post_share, post_until, timeout):  # fmt: skip
    env = {
        **os.environ,
        "LOAD_GET_PATHS": "\n".join(paths),
        "LOAD_FORM_PATH": form_path,
        "LOAD_FORM_BODY": form_body,
        "LOAD_COOKIE": cookie,
        "LOAD_MARKER": marker,
        "LOAD_THANKS": thanks,
        "LOAD_POST_SHARE": str(post_share),
        "LOAD_POST_UNTIL": str(int(time.time() + post_until)),
        "LOAD_ORIGIN": "https://" + urlsplit(base_url).netloc,
    }
    threads = min(clients, os.cpu_count() or 2)
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration}s", f"--timeout={timeout}s"]
    result = subprocess.run(  # noqa: S603
        [*command, "-s", str(MIX), base_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("LOADJSON ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(line.removeprefix("LOADJSON "))


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.counts = dict.fromkeys(
            ("posts", "accepted", "s2xx", "s3xx", "s4xx", "s429", "s5xx"), 0
        )
        self.counts.update(errors_connect=0, errors_read=0, errors_timeout=0)

    def add(self, **increments):
        with self.lock:
            for name, value in increments.items():
                self.counts[name] += value


def status_class(status):
    if status >= 500:
        return "s5xx"
    if status == 429:
        return "s429"
    return f"s{status // 100}xx"


def run_python(*, base_url, paths, form_path, form_body, cookie, marker, thanks, duration,
               clients, post_share, post_until, timeout):  # fmt: skip
    parts = urlsplit(base_url)
    origin = f"https://{parts.netloc}"
    started = time.monotonic()
    tally = Tally()

    def client(number):
        rng = random.Random(number)  # noqa: S311 (a traffic mix, not a secret)
        connection = None
        sent = 0
        while time.monotonic() - started < duration:
            headers = {"X-Forwarded-Proto": "https", "Accept-Language": "en", "Cookie": cookie}
            is_post = rng.random() < post_share and time.monotonic() - started < post_until
            if is_post:
                sent += 1
                body = f"{form_body}&message={marker}-{number}-{sent}"
                headers.update({"Content-Type": "application/x-www-form-urlencoded",
                                "Origin": origin, "Referer": origin + form_path})  # fmt: skip
                request = ("POST", form_path, body)
            else:
                request = ("GET", rng.choice(paths), None)
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            begin = time.monotonic()
            try:
                connection.request(*request, headers=headers)
                response = connection.getresponse()
                text = response.read().decode(errors="replace")
            except TimeoutError:
                tally.add(errors_timeout=1, posts=int(is_post))
                connection.close()
                connection = None
                continue
            except (ConnectionError, http.client.HTTPException, OSError):
                tally.add(errors_read=1, posts=int(is_post))
                connection.close()
                connection = None
                time.sleep(0.05)
                continue
            elapsed = time.monotonic() - begin
            accepted = int(is_post and response.status == 200 and thanks in text)
            with tally.lock:
                tally.latencies.append(elapsed)
            tally.add(posts=int(is_post), accepted=accepted, **{status_class(response.status): 1})
        if connection:
            connection.close()

    workers = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies = sorted(tally.latencies) or [0.0]

    def percentile(share):
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000, 1)

    return {
        **tally.counts,
        "requests": len(tally.latencies),
        "duration_us": int((time.monotonic() - started) * 1e6),
        "p50_ms": percentile(0.5),
        "p90_ms": percentile(0.9),
        "p99_ms": percentile(0.99),
        "max_ms": round(latencies[-1] * 1000, 1),
    }
