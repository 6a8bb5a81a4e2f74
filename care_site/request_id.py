"""django-guid either keeps only UUID-shaped incoming `X-Request-ID`s or keeps anything. Proxies
use other shapes too, and an id copied into every log line and back into the response must not
carry arbitrary text: this middleware, just before django-guid's, drops an incoming id of any
other shape than the one below, so django-guid generates one instead."""

import re

from django_guid.config import settings as guid_settings

_SANE = re.compile(r"[A-Za-z0-9._-]{8,128}")


class DropMalformedRequestId:
    def __init__(self, get_response):
        self.get_response = get_response
        self.meta_key = "HTTP_" + guid_settings.guid_header_name.upper().replace("-", "_")

    def __call__(self, request):
        if not _SANE.fullmatch(request.META.get(self.meta_key, "")):
            request.META.pop(self.meta_key, None)
        return self.get_response(request)
