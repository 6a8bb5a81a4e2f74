"""The site's public address: scheme, host and port as visitors reach them, given once in the
CARE_PUBLIC_URL setting. Every absolute link the site writes (pages, feeds, sitemaps, calendars,
emails, structured data, the API) starts with it, never with the request's own host: behind a
proxy that host can be an internal name, and the links must be the same whichever of several
instances answers.

Pages get their addresses from Wagtail's Site record (`Site.root_url`), which `migrate` keeps
equal to the setting (`sites.apply_public_address`); everything else is joined here.

Settings import this module, so it imports nothing that needs them configured."""

import functools
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


class PublicAddress(NamedTuple):
    scheme: str
    hostname: str
    port: int

    @property
    def origin(self):
        """`scheme://host[:port]`, the port left out when it is the scheme's default: exactly
        what Wagtail's `Site.root_url` gives for the same hostname and port."""
        if self.port == DEFAULT_PORTS[self.scheme]:
            return f"{self.scheme}://{self.hostname}"
        return f"{self.scheme}://{self.hostname}:{self.port}"


@functools.lru_cache(maxsize=16)
def parse_public_url(url, name="CARE_PUBLIC_URL"):
    """`url` (e.g. "https://care.example.org") as a PublicAddress; ImproperlyConfigured, naming
    the setting and the fix, for anything Wagtail's Site record cannot say. Remembered per
    address: every absolute link on a page asks again."""

    def refuse(reason):
        return ImproperlyConfigured(
            f"{name}={url!r}: {reason}. Give the site's public address, e.g. "
            "https://care.example.org (docs/deployment.md)."
        )

    parts = urlsplit((url or "").strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise refuse("it must start with http:// or https:// and name a host")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise refuse("the site is served at the root of its host; give no path or query")
    if ":" in parts.hostname:
        raise refuse("give a host name, not an IPv6 address")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise refuse("its port is not a number") from error
    # Wagtail writes https only for port 443 and http for every other port (Site.root_url).
    if (parts.scheme == "https") != (port == 443):
        raise refuse("https must be on port 443 (behind a TLS proxy, the proxy's port)")
    return PublicAddress(parts.scheme, parts.hostname.lower(), port)


def public_address():
    return parse_public_url(settings.CARE_PUBLIC_URL)


def absolute_url(path):
    """`path` (e.g. "/en/about/" or a storage URL) as an absolute address on the public origin;
    an address that is absolute already (media on object storage) is returned as it is."""
    return urljoin(public_address().origin + "/", path)
