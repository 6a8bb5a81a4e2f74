"""`{% site_logo %}`: the logo at the top of every page, named by the site's name for people
who cannot see it: the image editors choose in the site settings, else the CARE wordmark
shipped with the site."""

from django import template
from django.templatetags.static import static

from care_site.base import sites
from home.models import SiteSettings

from .navigation_tags import chrome_cache

register = template.Library()

WORDMARK = {"src": "home/care-wordmark.svg", "width": 248, "height": 64}
# Twice the height it is shown at (CSS), so it stays sharp on high-density screens.
RENDITION = "height-96"


def logo(request):
    image = SiteSettings.for_request(request).logo
    if image is None:
        return {**WORDMARK, "src": static(WORDMARK["src"])}
    rendition = image.get_rendition(RENDITION)
    return {"src": rendition.url, "width": rendition.width, "height": rendition.height}


@register.inclusion_tag("includes/site_logo.html", takes_context=True)
def site_logo(context):
    request = context.get("request")
    return {
        "logo": chrome_cache(context, "logo", lambda: logo(request)),
        "name": sites.site_name(request),
    }
