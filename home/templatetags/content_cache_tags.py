"""`{% contentcache "name" value ... %}…{% endcontentcache %}`: a fragment kept in the content
cache (`home/content_cache.py`) until content changes, for the request's host, the active
language and the values given. The values must name everything the fragment shows that can
differ between two requests (a page's id, a draft's chosen pages in a preview, the filters)."""

from django import template
from django.utils import translation

from home import content_cache

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        values = [value.resolve(context) for value in self.values]
        key = content_cache.key(
            "fragment", host, translation.get_language(), self.name.resolve(context), *values
        )
        return content_cache.cached(lambda: self.nodelist.render(context), key)


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a name and the values it varies on")
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    name, *values = (parser.compile_filter(bit) for bit in bits[1:])
    return ContentCacheNode(nodelist, name, values)
