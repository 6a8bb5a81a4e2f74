"""Template tags for events: JSON-LD output, and the meetings a library resource came from."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.models import EventPage

register = template.Library()

# As Django's json_script: with these escaped, no value can end the script element or open an
# HTML comment inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def event_json_ld(data):
    """`data` as a `<script type="application/ld+json">` element, escaped as `json_script`
    escapes (a browser never runs it; search engines read it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def events_for_resource(resource):
    """`{% events_for_resource page as events %}`: the live meetings that list `resource`, or
    a translation of it, among their recordings, slides and materials; newest first, each in
    the resource's language when the meeting has been translated.

    This is the resource's link back to its meeting. The relation is kept on the event
    (`EventMaterial`), so the resource library needs no field for it."""
    if resource is None or not getattr(resource, "translation_key", None):
        return []
    events = (
        EventPage.objects.live()
        .public()
        .filter(materials__resource__translation_key=resource.translation_key)
        .distinct()
        .order_by("-start", "path")
    )
    chosen = {}
    for event in events:
        if event.translation_key not in chosen or event.locale_id == resource.locale_id:
            chosen[event.translation_key] = event
    return list(chosen.values())
