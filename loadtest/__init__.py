"""Load and fault runs against gunicorn on loopback (`make loadtest`; docs/deployment.md)."""
