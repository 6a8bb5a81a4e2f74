"""A visitor of the site at its public address (e.g. https://care.test), a name this machine's
resolver does not know: every connection goes to the proxy's port on loopback instead, with the
public name in the TLS handshake (SNI) and in `Host`, as a browser sends them. The certificate is
checked against the given authority (Caddy's local one), so TLS is verified, not skipped."""

import gzip
import http.client
import socket
import ssl
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes  # as it came, compressed or not

    @property
    def body(self):
        """The content, uncompressed."""
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.raw)
        assert not self.headers.get("Content-Encoding"), self.headers.get("Content-Encoding")
        return self.raw

    @property
    def text(self):
        return self.body.decode()


class Visitor:
    def __init__(self, origin, port, cafile, timeout=30):
        self.origin = origin.rstrip("/")
        self.hostname = urlsplit(origin).hostname
        self.port = port
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.timeout = timeout
        self.cookies = {}

    def on_origin(self, url):
        """The path of `url`, which must be on the public origin."""
        assert url == self.origin or url.startswith(self.origin + "/"), url
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def request(self, method, url, fields=None, headers=None):
        path = self.on_origin(url) if "://" in url else url
        headers = {"Host": self.hostname, "Accept-Language": "en", **(headers or {})}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPSConnection(
            self.hostname, self.port, timeout=self.timeout, context=self.context
        )
        # Resolve the public name to the proxy on loopback (what `curl --connect-to` does).
        connection._create_connection = lambda _address, *args, **kwargs: socket.create_connection(
            ("127.0.0.1", self.port), *args, **kwargs
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for raw in answer.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return answer

    def get(self, url, **headers):
        return self.request("GET", url, headers=headers)

    def post(self, url, fields):
        return self.request("POST", url, fields=fields)
