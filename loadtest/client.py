"""A small HTTP client that talks to gunicorn on loopback as a browser behind the production
TLS proxy would: every request says `X-Forwarded-Proto: https`, and it keeps its own cookies,
because the site's cookies are `Secure` and a stock client would never send them back over
plain HTTP."""

import http.client
import re
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name):
        return self.headers.get(name)


class SiteClient:
    def __init__(self, base_url, timeout=30):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{self.host}:{self.port}"
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, fields=None, files=None):
        """`files` ({name: (filename, bytes, content type)}) makes the body multipart, as a
        browser sends a form with a file input."""
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
        }
        body = None
        if files is not None:
            body, headers["Content-Type"] = multipart(fields or {}, files)
        elif fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            # Django checks the origin of every unsafe request over HTTPS.
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        for raw in reply.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return reply

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        return self.request("POST", path, fields, files)


def multipart(fields, files):
    """The body and content type of a multipart/form-data request."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def form_fields(html, form_selector="form"):
    """The action and the pre-filled fields of the first form matching `form_selector`."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    if form is None:
        raise ValueError(f"no {form_selector!r} in the page")
    fields = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = (field.get("type") or "").lower()
        if kind in ("submit", "button", "file") or (kind in ("checkbox", "radio")):
            continue
        fields[field["name"]] = field.get("value", field.text if field.name == "textarea" else "")
    return form.get("action") or "", fields


def title_of(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).strip() if match else ""
