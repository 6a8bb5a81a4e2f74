"""CDN / reverse-proxy purging on publish (wagtail.contrib.frontend_cache) with a bounded
wait. Wagtail's HTTP backend opens the purge request without a timeout, so a slow cache server
could stall publishing; this one gives up after `TIMEOUT` seconds and logs it."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")
DEFAULT_TIMEOUT_SECONDS = 3


class TimeoutHTTPBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        super().__init__(params)

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]
            ),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            urlopen(request, timeout=self.timeout)  # noqa: S310 - scheme set by configuration
        except HTTPError as error:
            logger.error("Couldn't purge '%s': HTTP %d %s", url, error.code, error.reason)
        except (URLError, TimeoutError, OSError) as error:
            logger.error("Couldn't purge '%s': %s", url, getattr(error, "reason", error))
