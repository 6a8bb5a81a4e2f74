"""gunicorn settings for benchmark runs (bench/load.py passes the address and worker count):
no access log, so writing it is not part of what is measured."""

accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 60
keepalive = 5
