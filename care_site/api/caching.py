"""Conditional requests for the API's read endpoints.

Every successful read carries a strong `ETag` (a digest of the body, so it is true whatever the
response depends on, the clock included) and `Cache-Control: public, max-age=N`. Responses
that depend only on stored content also carry `Last-Modified`: the last time anything a visitor
can see changed (the content version the site's cache follows, `care_site.base.cache`), which
covers changes to linked pages, images and settings too. Responses that change with the clock
(an event becoming past, the landing page's next meeting, a form opening) carry no
`Last-Modified`, only the `ETag`.
A matching `If-None-Match` or `If-Modified-Since` gets 304 Not Modified."""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from care_site.base import cache

SAFE_METHODS = ("GET", "HEAD")


class ConditionalGetMixin:
    """For DRF views: validators and caching headers on 200 answers to GET/HEAD."""

    def response_depends_on_clock(self):
        return False

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in SAFE_METHODS or response.status_code != 200:
            return response
        response.render()
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        last_modified = None
        if not self.response_depends_on_clock():
            last_modified = cache.last_changed()
            if last_modified:
                response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_cache_control(response, public=True, max_age=settings.CARE_API_CACHE_SECONDS)
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified.timestamp()) if last_modified else None,
            response=response,
        )
        return conditional
