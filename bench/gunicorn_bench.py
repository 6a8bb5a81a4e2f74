"""gunicorn settings for benchmark runs (bench/load.py passes the address and worker count in
the environment, as loadtest.servers.Gunicorn does): no access log, so writing it is not part
of what is measured."""

import os

wsgi_app = "care_site.wsgi:application"
bind = os.environ["GUNICORN_BIND"]
workers = int(os.environ["GUNICORN_WORKERS"])

accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 60
keepalive = 5
