"""Content-Security-Policy: strict on the public site (scripts only from this origin or with the
request's nonce), relaxed inside the Wagtail admin, whose widgets and panels still ship a few
inline `<script>` blocks and `style` attributes. Also the companion header that keeps other
sites from embedding our responses, Cross-Origin-Resource-Policy."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

from csp.constants import SELF, UNSAFE_INLINE

ADMIN_PREFIXES = ("/admin/",)

# Besides these, the admin shows whatever images the site may (media on object storage
# included) and previews uploads as `blob:` URLs: admin_overrides() below.
ADMIN_OVERRIDES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    # The admin previews pages in a same-origin iframe.
    "frame-ancestors": [SELF],
}


def admin_overrides():
    site_images = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    return {**ADMIN_OVERRIDES, "img-src": list(dict.fromkeys([*site_images, "data:", "blob:"]))}


class AdminPolicyMiddleware:
    """Must come after `csp.middleware.CSPMiddleware` and Django's XFrameOptionsMiddleware in
    MIDDLEWARE, so it marks the response before either header is written. The admin's
    `X-Frame-Options` says what its `frame-ancestors` says (SAMEORIGIN), so browsers that read
    only the older header treat previews the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_replace = admin_overrides()
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


class CrossOriginResourcePolicyMiddleware:
    """Sends `Cross-Origin-Resource-Policy` (settings.CROSS_ORIGIN_RESOURCE_POLICY) on every
    response that has none, so another site's page cannot load ours as an image, script or
    frame-less resource. Requests made with CORS (the API) are not affected. Place it right after
    SecurityMiddleware, before WhiteNoise, so static files get it too. Without the setting
    (development, tests) Django leaves it out of the chain."""

    def __init__(self, get_response):
        self.policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", None)
        if not self.policy:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.policy)
        return response
