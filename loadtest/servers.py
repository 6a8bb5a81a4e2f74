"""gunicorn with production settings on a loopback port, for the load runs and the
two-instance tests. Everything it needs comes from the environment, as in production."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Variables of the calling process that must not leak into a production server.
INHERITED_OUT = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def production_env(**settings):
    """The environment of a production process: the caller's, less its Django settings, plus
    `settings` (DJANGO_SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL...)."""
    env = {name: value for name, value in os.environ.items() if name not in INHERITED_OUT}
    env.update(
        DJANGO_SETTINGS_MODULE="care_site.settings.production",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    # Production needs the site's public address; these servers are reached on loopback.
    env.setdefault("CARE_PUBLIC_URL", "http://127.0.0.1:8000")
    env.update({name: str(value) for name, value in settings.items() if value is not None})
    return env


def manage(env, *args, timeout=300):
    """Run `manage.py *args` in `env`; raise with its output if it fails."""
    result = subprocess.run(  # noqa: S603 (our own manage.py, arguments from our code)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Gunicorn:
    """`make serve`'s gunicorn (gunicorn.conf.py, or another `config`) on 127.0.0.1:`port`."""

    def __init__(self, port, env, workers=2, log_path=None, config="gunicorn.conf.py"):
        self.port = port
        self.config = str(config)
        self.url = f"http://127.0.0.1:{port}"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
        }
        self.log_path = Path(log_path or os.devnull)
        self.process = None

    def start(self, timeout=60):
        log = open(self.log_path, "ab")  # noqa: SIM115 (the server writes to it until stopped)
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", self.config],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn on port {self.port} not ready after {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
