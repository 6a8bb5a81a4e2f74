"""What a page needs to know about the Site it is served on."""

from django.conf import settings

from wagtail.models import Site


def site_name(request):
    """The Site's name as editors set it in the admin, else WAGTAIL_SITE_NAME."""
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")
