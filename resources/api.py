"""The resource library in the content API: how a resource's terms and file look, and the
library's filters (`topic`, `resource_type`, `partner`, `year`) with exactly the semantics of
the library page, by running the same `LibraryFilter`."""

from rest_framework.fields import ReadOnlyField

from care_site.base.api import INTEGER, STRING, object_schema

TERM_SCHEMA = object_schema({"slug": STRING, "name": STRING}, required=True)

# API query parameter -> the library page's query parameter. The library calls the resource
# type `type`; in the API `type` already selects page models (Wagtail's own parameter).
FILTER_PARAMETERS = {
    "topic": "topic",
    "resource_type": "type",
    "partner": "partner",
    "year": "year",
}


class Term(ReadOnlyField):
    """A topic or resource type as its slug (the filter value) and name, or null."""

    json_schema = {"oneOf": [TERM_SCHEMA, {"type": "null"}]}

    def to_representation(self, term):
        return {"slug": term.slug, "name": term.name}


class Terms(Term):
    """Topics or focus areas, in their editors' order."""

    json_schema = {"type": "array", "items": TERM_SCHEMA}

    def to_representation(self, terms):
        return [Term.to_representation(self, term) for term in terms.all()]


class DocumentFile(ReadOnlyField):
    """The uploaded file of a resource: id, title, URL and extension, or null."""

    json_schema = object_schema(
        {"id": INTEGER, **dict.fromkeys(["title", "url", "file_extension"], STRING)},
        nullable=True,
    )

    def to_representation(self, document):
        return {
            "id": document.pk,
            "title": document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


def filter_resources(resources, params, locale_id):
    """`resources` (a ResourcePage queryset) narrowed as the library page narrows its list for
    the same choices. Slugs are read in `locale_id`'s language; a value that matches nothing is
    left out rather than emptying the list, as on the page."""
    from django.http import QueryDict

    from .filters import LibraryFilter

    library_params = QueryDict(mutable=True)
    for api_name, page_name in FILTER_PARAMETERS.items():
        library_params.setlist(page_name, params.getlist(api_name))
    return LibraryFilter(resources, locale_id, library_params).filtered()
