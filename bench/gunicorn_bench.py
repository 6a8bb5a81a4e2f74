"""gunicorn settings for benchmark runs: `make serve`'s (gunicorn.conf.py: the site preloaded and
shared by the workers) with the address and worker count bench/load.py passes in the
environment, as loadtest.servers.Gunicorn does; no access log, so writing it is not part of what
is measured, and no recycling of workers in the middle of a measurement."""

from pathlib import Path

exec((Path(__file__).resolve().parent.parent / "gunicorn.conf.py").read_text())  # noqa: S102

accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 60
max_requests = 0
