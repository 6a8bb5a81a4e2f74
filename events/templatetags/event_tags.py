"""Template tags for events: the meetings a library resource came from."""

from django import template

from events.models import EventPage

register = template.Library()


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
