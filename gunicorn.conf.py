"""gunicorn settings for `make serve`; each can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-request-id}o)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "care_site.wsgi:application"
# The site is loaded once, before the workers are forked, so they share its code and data
# instead of each holding a copy (a worker's proportional set size, PSS, falls by about a third:
# bench/README.md). New code therefore needs a restart of the service, not a HUP.
preload_app = True
raw_env = [
    "DJANGO_SETTINGS_MODULE="
    + os.environ.get("DJANGO_SETTINGS_MODULE", "care_site.settings.production")
]


def pre_fork(server, worker):
    """Objects loaded before the fork are moved out of the garbage collector's reach, so it never
    writes to (and so copies) the pages every worker shares."""
    gc.freeze()
