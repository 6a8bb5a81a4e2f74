"""Checks that resources' external links still work: HEAD first (cheap), GET when a server
refuses or fumbles HEAD, redirects followed, a bounded timeout and a bounded number of checks at
once. Each distinct address is checked once however many resources use it. Only public
internet addresses are reached, each redirect's too (`care_site.base.outbound`)."""

import concurrent.futures
import threading

from django.utils.translation import gettext as _

import requests

from care_site.base.outbound import public_session, was_refused

from .models import LinkCheck

USER_AGENT = "CARE-link-checker/1.0 (+resource library link health)"
MAX_REDIRECTS = 10

OK, REDIRECTED, BROKEN = "ok", "redirected", "broken"


_local = threading.local()


def _session():
    """One session per worker thread: requests does not promise a shared session is
    thread-safe, and a session per thread still reuses connections."""
    if not hasattr(_local, "session"):
        session = public_session()
        session.max_redirects = MAX_REDIRECTS
        session.headers["User-Agent"] = USER_AGENT
        _local.session = session
    return _local.session


def check_url(url, *, timeout=10.0, session=None):
    """What `url` answers, as a `LinkCheck` not yet saved nor given its page."""
    session = session or _session()
    try:
        response = session.head(url, allow_redirects=True, timeout=timeout)
        if response.status_code >= 400:
            # 405 and 501 mean "no HEAD here"; some servers also answer HEAD with 403 or 404
            # while GET works. Only a failed GET makes a link broken. The body is not read.
            response = session.get(url, allow_redirects=True, timeout=timeout, stream=True)
            response.close()
    except requests.Timeout:
        error = _("No answer within %g seconds") % timeout
    except requests.TooManyRedirects:
        error = _("Too many redirects")
    except requests.exceptions.SSLError:
        error = _("Security certificate problem")
    except requests.ConnectionError as failure:
        if was_refused(failure):
            error = _("Not a public internet address: the checker does not open it")
        else:
            error = _("Could not connect to the site")
    except requests.RequestException:
        error = _("Not an address the checker can open")
    else:
        status, final_url = response.status_code, response.url[:2000]
        # A redirect that only adds or drops a trailing slash is not worth an editor's time.
        moved = bool(response.history) and final_url.rstrip("/") != url.rstrip("/")
        outcome = BROKEN if status >= 400 else REDIRECTED if moved else OK
        return LinkCheck(url=url, outcome=outcome, status_code=status, final_url=final_url)
    return LinkCheck(url=url, outcome=BROKEN, final_url=url, error=error)


def check_urls(urls, *, timeout=10.0, concurrency=8):
    """Check each distinct URL once, at most `concurrency` at a time; returns
    {url: LinkCheck}."""
    distinct = list(dict.fromkeys(urls))
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = pool.map(lambda url: check_url(url, timeout=timeout), distinct)
        return dict(zip(distinct, results, strict=True))
