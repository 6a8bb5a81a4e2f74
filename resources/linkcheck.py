"""Checks that resources' external links still work: HEAD first (cheap), GET when a server
refuses HEAD, redirects followed, a bounded timeout and a bounded number of checks at once."""

import concurrent.futures
from dataclasses import dataclass

import requests

USER_AGENT = "CARE-link-checker/1.0 (+resource library link health)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status_code: int | None
    final_url: str
    error: str = ""

    @property
    def is_broken(self):
        return self.status_code is None or self.status_code >= 400

    @property
    def is_redirected(self):
        return not self.is_broken and self.final_url.rstrip("/") != self.url.rstrip("/")


def check_url(url, *, timeout=10.0, session=None):
    session = session or requests.Session()
    headers = {"User-Agent": USER_AGENT}
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout, headers=headers)
        if response.status_code in (405, 501):
            response = session.get(
                url, allow_redirects=True, timeout=timeout, headers=headers, stream=True
            )
            response.close()
        return LinkResult(url, response.status_code, response.url)
    except requests.Timeout:
        return LinkResult(url, None, url, f"No answer within {timeout:g} seconds")
    except requests.RequestException as error:
        return LinkResult(url, None, url, type(error).__name__)


def check_urls(urls, *, timeout=10.0, concurrency=8):
    """Check each distinct URL once; returns {url: LinkResult}."""
    distinct = list(dict.fromkeys(urls))
    with (
        requests.Session() as session,
        concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool,
    ):
        results = pool.map(lambda url: check_url(url, timeout=timeout, session=session), distinct)
        return dict(zip(distinct, results, strict=True))
