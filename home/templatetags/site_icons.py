"""`{% site_icons %}`: the icon links of every page's head (home.icons)."""

from django import template

from home.icons import icon_links

from .navigation_tags import chrome_cache

register = template.Library()


@register.inclusion_tag("includes/site_icons.html", takes_context=True)
def site_icons(context):
    return chrome_cache(context, "icons", lambda: icon_links(context.get("request")))
