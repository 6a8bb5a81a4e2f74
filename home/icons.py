"""The site's icon, in browser tabs, bookmarks and on phones' home screens: the image editors
choose in the site settings, else the CARE mark shipped with the site."""

from pathlib import Path

from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

from .models import SiteSettings

DEFAULT_ICON = "icons/care-icon.png"
DEFAULT_VECTOR_ICON = "icons/care-icon.svg"
# Browsers ask for /favicon.ico on their own, without reading the page: a day's caching
# spares the site that request on every visit, and a new icon shows by the next day.
ICON_MAX_AGE = 24 * 60 * 60


def icon_links(request):
    """{"icon", "icon_type", "touch_icon"}: the addresses the page's head links to."""
    image = SiteSettings.for_request(request).icon
    if image is None:
        return {
            "icon": static(DEFAULT_VECTOR_ICON),
            "icon_type": "image/svg+xml",
            "touch_icon": static(DEFAULT_ICON),
        }
    return {
        "icon": image.get_rendition("fill-192x192|format-png").url,
        "icon_type": "image/png",
        "touch_icon": image.get_rendition("fill-180x180|format-png").url,
    }


def favicon(request):
    """/favicon.ico: the icon at 48 pixels as a PNG (every browser reads a PNG there)."""
    image = SiteSettings.for_request(request).icon
    if image is None:
        data = (Path(__file__).parent / "static" / DEFAULT_ICON).read_bytes()
    else:
        with image.get_rendition("fill-48x48|format-png").file.open("rb") as file:
            data = file.read()
    response = HttpResponse(data, content_type="image/png")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response
