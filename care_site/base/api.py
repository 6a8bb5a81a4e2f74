"""How pages and the shared block library look in the content API: StreamField bodies as typed
JSON a front end can render without scraping HTML. Images become renditions with their size and
alt text, page links become id, title and URL, rich text is HTML with internal links resolved
(`WAGTAILAPI_RICH_TEXT_FORMAT`).

A StreamField is given as Wagtail gives it (`get_api_representation`, which structs, lists and
streams pass down to their children): each block of `care_site.base.blocks` that needs a shape
of its own defines it there, with the helpers below.

Each serializer carries `json_schema`, which the OpenAPI document (`care_site.api.schema`)
publishes, so the document describes exactly what these functions return."""

from django.urls import reverse

from rest_framework.fields import ReadOnlyField

from .public_address import absolute_url
from .view_restrictions import is_visible

STREAM_IMAGE_SPEC = "max-1600x1600"

STRING, INTEGER, BOOLEAN = ({"type": name} for name in ("string", "integer", "boolean"))
NULLABLE_STRING = {"type": ["string", "null"]}
DATE_TIME = {"type": "string", "format": "date-time"}


def object_schema(properties, *, required=(), nullable=False, **keywords):
    """The JSON schema of an object with these `properties`, `required` naming those always
    present (True: all of them), and `nullable`, of that object or null."""
    schema = {"type": ["object", "null"] if nullable else "object", "properties": properties}
    required = list(properties) if required is True else list(required)
    return {**schema, **({"required": required} if required else {}), **keywords}


PAGE_LINK_SCHEMA = object_schema(
    {"id": INTEGER, "title": STRING, "url": NULLABLE_STRING, "type": STRING},
    required=["id", "title", "url"],
    nullable=True,
)
IMAGE_SCHEMA = object_schema(
    {
        **dict.fromkeys(["id", "width", "height"], INTEGER),
        **dict.fromkeys(["url", "full_url", "alt", "error"], STRING),
        "decorative": BOOLEAN,
    },
    nullable=True,
)
LINK_SCHEMA = object_schema(
    {"label": NULLABLE_STRING, "url": STRING, "page": PAGE_LINK_SCHEMA},
    required=True,
)


# Values ------------------------------------------------------------------------------------


def image_rendition(image, spec, *, alt=None, decorative=False):
    """An image as a rendition: where it is, its size and its alt text."""
    if image is None:
        return None
    from wagtail.images.models import SourceImageIOError

    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return {"id": image.pk, "error": "SourceImageIOError"}
    return {
        "id": image.pk,
        "url": rendition.url,
        # On the public address (Wagtail's `full_url` would use the admin's).
        "full_url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": "" if decorative else (alt if alt is not None else image.default_alt_text or ""),
        "decorative": decorative,
    }


def page_link(page):
    """A page as a link: id, title, URL (in its own language) and type; null for a page not
    everyone may see (a chooser can still point at one since unpublished or made private)."""
    if not is_visible(page):
        return None
    specific_class = page.specific_class
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.url,
        "type": specific_class._meta.label if specific_class else "",
    }


def meeting(event):
    """An event as a link with when and how it happens."""
    return {
        **page_link(event),
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "time_zone": event.time_zone,
        "format": event.format,
    }


# Serializer fields (DRF's `ReadOnlyField`: a value the API gives and never takes) -----------


class StreamBody(ReadOnlyField):
    """A StreamField as a list of `{type, value, id}` blocks, each value in its block's shape."""

    json_schema = {
        "type": "array",
        "items": object_schema({"type": STRING, "value": {}, "id": NULLABLE_STRING}, required=True),
    }

    def to_representation(self, value):
        return value.stream_block.get_api_representation(value, self.context)


class SingleLink(StreamBody):
    """A StreamField holding at most one link, as that link or null (also when it leads
    nowhere: a page not everyone may see)."""

    json_schema = {"oneOf": [LINK_SCHEMA, {"type": "null"}]}

    def to_representation(self, value):
        links = super().to_representation(value)
        return links[0]["value"] if links and links[0]["value"]["url"] else None


class Rendition(ReadOnlyField):
    """An image foreign key as a rendition with `spec`, or null. With `alt_field`, the alt text
    is that field of the page when it is filled in (alt text in the page's language)."""

    json_schema = IMAGE_SCHEMA

    def __init__(self, spec, alt_field=None, **kwargs):
        self.spec = spec
        self.alt_field = alt_field
        if alt_field:
            kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not self.alt_field:
            return image_rendition(value, self.spec)
        image = getattr(value, self.field_name)
        if image is None:
            return None
        return image_rendition(image, self.spec, alt=getattr(value, self.alt_field) or None)


class PageLink(ReadOnlyField):
    """A page foreign key (or a property returning a page) as id, title and URL."""

    json_schema = PAGE_LINK_SCHEMA
    to_representation = staticmethod(page_link)


class Flag(ReadOnlyField):
    """A computed yes/no (a property)."""

    json_schema = BOOLEAN
    to_representation = staticmethod(bool)


class Text(ReadOnlyField):
    """A computed string (a property), possibly empty."""

    json_schema = STRING
    to_representation = staticmethod(str)


class ApiUrl(ReadOnlyField):
    """The address of another API view about this page, such as a form's definition."""

    json_schema = STRING

    def __init__(self, url_name, **kwargs):
        self.url_name = url_name
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page):
        return reverse(self.url_name, kwargs={"pk": page.pk})


# The landing page ---------------------------------------------------------------------------


class NextMeeting(ReadOnlyField):
    """The landing page's computed next meeting (see `HomePage.next_meeting`), or null when
    none is scheduled (the front end shows `no_meeting_text`)."""

    json_schema = object_schema(
        {**PAGE_LINK_SCHEMA["properties"], "start": DATE_TIME, "end": DATE_TIME}
        | dict.fromkeys(["time_zone", "format"], STRING),
        nullable=True,
    )
    to_representation = staticmethod(meeting)


# Cards: lists of pages a front end shows as cards -------------------------------------------

CARD_IMAGE_SPEC = "fill-400x300"
CARD_SCHEMA = object_schema(
    {**PAGE_LINK_SCHEMA["properties"], "summary": STRING, "image": IMAGE_SCHEMA},
    required=True,
)


def card(page):
    """A page as a card: its link, summary and image (a partner's logo when it has one)."""
    image = getattr(page, "logo", None) or page.image
    return {
        **page_link(page),
        "summary": page.summary,
        "image": image_rendition(image, CARD_IMAGE_SPEC),
    }


class Cards(ReadOnlyField):
    """A list of pages (a property returning them) as cards."""

    json_schema = {"type": "array", "items": CARD_SCHEMA}

    def to_representation(self, pages):
        return [card(page) for page in pages if is_visible(page)]
