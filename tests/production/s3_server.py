"""An S3-compatible server on a loopback port for the tests of media on object storage: moto's
server mode, started as a subprocess with one empty bucket, and stopped afterwards."""

import importlib.util
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from care_site.settings.object_storage import public_read_policy
from loadtest.servers import free_port, stop_process

# moto accepts any credentials; production settings read them from boto3's own variables.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "us-east-1"


def moto_server_missing():
    """The name of the first package moto's server mode needs that is not installed, or None."""
    for name in ("moto", "flask", "flask_cors", "boto3", "storages"):
        if importlib.util.find_spec(name) is None:
            return name
    return None


class S3Server:
    def __init__(self, bucket, port=None, log_path=None):
        self.bucket = bucket
        self.port = port or free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path or os.devnull)
        self.process = None

    def start(self, timeout=30):
        log = open(self.log_path, "ab")  # noqa: SIM115 (the server writes to it until stopped)
        self.process = subprocess.Popen(  # noqa: S603 (moto, from the locked dependencies)
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            env={**os.environ, **CREDENTIALS},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        try:
            self.wait_ready(timeout)
            self.client().create_bucket(Bucket=self.bucket)
            # As docs/deployment.md has operators do: images public, documents private.
            self.client().put_bucket_policy(
                Bucket=self.bucket, Policy=public_read_policy(self.bucket)
            )
        except BaseException:
            self.stop()
            raise
        return self

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto's server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.endpoint_url}/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"moto's server on port {self.port} not ready after {timeout} s")

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def object_keys(self):
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def media_env(self):
        """What production settings need to keep their media in this server's bucket."""
        return {
            "MEDIA_S3_BUCKET": self.bucket,
            "MEDIA_S3_ENDPOINT_URL": self.endpoint_url,
            "MEDIA_S3_REGION": REGION,
            **CREDENTIALS,
        }

    def stop(self):
        stop_process(self.process, timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
