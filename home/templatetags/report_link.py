"""`{% report_link page %}`: under a resource, the way to tell the Collaborative that its link is
broken or its information out of date: the form chosen in the site settings, in the visitor's
language, with the resource's address filled in."""

from urllib.parse import urlencode

from django import template

from care_site.base.view_restrictions import is_visible
from home.models import SiteSettings

from .navigation_tags import chrome_cache

register = template.Library()

# The question of the report form the link fills in (its name, which stays the English one in
# every language).
RESOURCE_QUESTION = "resource"


def report_form_url(request):
    form = SiteSettings.for_request(request).report_page
    form = form.localized if form else None
    return form.get_url(request) if is_visible(form) else ""


@register.inclusion_tag("includes/report_link.html", takes_context=True)
def report_link(context, page):
    request = context["request"]
    form_url = chrome_cache(context, "report-form", lambda: report_form_url(request))
    if not form_url:
        return {"url": ""}
    return {"url": f"{form_url}?{urlencode({RESOURCE_QUESTION: page.full_url})}"}
