"""Events in the content API: links that the event page hides once a meeting is over are
hidden here too, and the meeting's materials and calendar file are given as links."""

from rest_framework.fields import ReadOnlyField

from care_site.base.api import PAGE_LINK_SCHEMA, STRING, object_schema, page_link

# API query parameter for the community's meetings, drawn where the community page draws it.
WHEN_VALUES = ("upcoming", "past")


class WhileOpen(ReadOnlyField):
    """A link of the meeting, read by `read(event)`: empty once the meeting is over (as on the
    page), such as the video meeting link or where to register."""

    json_schema = STRING
    # Filtering or ordering on the stored link would reveal what the API hides.
    filterable = False

    def __init__(self, read, **kwargs):
        self.read = read
        super().__init__(source="*", **kwargs)

    def to_representation(self, event):
        return "" if event.is_past else (self.read(event) or "")


class Materials(ReadOnlyField):
    """Recordings, slides and other material from the library, in the editors' order."""

    json_schema = {
        "type": "array",
        "items": object_schema({"kind": STRING, "resource": PAGE_LINK_SCHEMA}, required=True),
    }

    def to_representation(self, event):
        return [
            {"kind": str(kind), "resource": page_link(resource)}
            for kind, resource in event.material_links()
        ]


class CalendarUrl(ReadOnlyField):
    """The calendar file (`.ics`) of a meeting, or the subscribable feed of a community page."""

    json_schema = STRING

    def to_representation(self, page):
        return page.get_full_url(self.context.get("request")) + page.reverse_subpage("calendar")
