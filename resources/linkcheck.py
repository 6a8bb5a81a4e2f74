"""Checks that resources' external links still work: HEAD first (cheap), GET when a server
refuses or fumbles HEAD, redirects followed, a bounded timeout and a bounded number of checks at
once. Each distinct address is checked once however many resources use it."""

import concurrent.futures
import threading
from dataclasses import dataclass

from django.utils.translation import gettext as _

import requests

USER_AGENT = "CARE-link-checker/1.0 (+resource library link health)"
MAX_REDIRECTS = 10

OK, REDIRECTED, BROKEN = "ok", "redirected", "broken"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status_code: int | None
    final_url: str
    error: str = ""
    redirected: bool = False

    @property
    def is_broken(self):
        return self.status_code is None or self.status_code >= 400

    @property
    def is_redirected(self):
        # A redirect that only adds or drops a trailing slash is not worth an editor's time.
        return (
            not self.is_broken
            and self.redirected
            and self.final_url.rstrip("/") != self.url.rstrip("/")
        )

    @property
    def outcome(self):
        if self.is_broken:
            return BROKEN
        return REDIRECTED if self.is_redirected else OK


_local = threading.local()


def _session():
    """One session per worker thread: requests does not promise a shared session is
    thread-safe, and a session per thread still reuses connections."""
    if not hasattr(_local, "session"):
        session = requests.Session()
        session.max_redirects = MAX_REDIRECTS
        session.headers["User-Agent"] = USER_AGENT
        _local.session = session
    return _local.session


def check_url(url, *, timeout=10.0, session=None):
    session = session or _session()
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout)
        if response.status_code >= 400:
            # 405 and 501 mean "no HEAD here"; some servers also answer HEAD with 403 or 404
            # while GET works. Only a failed GET makes a link broken. The body is not read.
            response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            response.close()
        return LinkResult(
            url, response.status_code, response.url, redirected=bool(response.history)
        )
    except requests.Timeout:
        return LinkResult(url, None, url, _("No answer within %g seconds") % timeout)
    except requests.TooManyRedirects:
        return LinkResult(url, None, url, _("Too many redirects"))
    except requests.exceptions.SSLError:
        return LinkResult(url, None, url, _("Security certificate problem"))
    except requests.ConnectionError:
        return LinkResult(url, None, url, _("Could not connect to the site"))
    except requests.RequestException:
        return LinkResult(url, None, url, _("Not an address the checker can open"))


def check_urls(urls, *, timeout=10.0, concurrency=8):
    """Check each distinct URL once, at most `concurrency` at a time; returns
    {url: LinkResult}."""
    distinct = list(dict.fromkeys(urls))
    if not distinct:
        return {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = pool.map(lambda url: check_url(url, timeout=timeout), distinct)
        return dict(zip(distinct, results, strict=True))
