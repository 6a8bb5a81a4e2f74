"""gunicorn with production settings on a loopback port, for the load runs and the
two-instance tests. Everything it needs comes from the environment, as in production."""

import contextlib
import os
import signal
import socket
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


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process, timeout):
    """Ask `process` to end; kill it if it has not within `timeout` seconds."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class ProcessGroup:
    """`argv` run in a session of its own, its output in `log_path`, so that stopping it stops
    everything it started (make, honcho and the processes they run)."""

    def __init__(self, argv, cwd, env, log_path):
        self.argv, self.cwd, self.env, self.log_path = argv, cwd, env, Path(log_path)
        self.process = None

    def start(self):
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own commands)
                self.argv,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def running(self):
        return self.process.poll() is None

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout=30):
        if self.process is None:
            return
        # The whole group, even if its leader has ended already.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


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
        stop_process(self.process, timeout=25)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
