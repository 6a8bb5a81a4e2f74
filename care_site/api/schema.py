"""The OpenAPI 3.1 document of the API, served at /api/v2/schema/. It is built from the code it
describes: every page type's `api_fields` (a serializer's `json_schema`, else the model field's
type), the pages endpoint's meta fields, the filters and the limits, so adding a field to a page
type adds it here too. The test suite runs schemathesis against a live server with it
(tests/api/test_schema.py)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.models import Page, get_page_models

from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    renderer_classes,
)
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from care_site.base.api import BOOLEAN, DATE_TIME, INTEGER, NULLABLE_STRING, STRING, object_schema
from events.api import WHEN_VALUES

from .endpoints import CarePagesAPIViewSet

ERROR = {"$ref": "#/components/schemas/Error"}
FORM_ERRORS_REF = {"$ref": "#/components/schemas/FormErrors"}
PAGE_META = {"$ref": "#/components/schemas/PageMeta"}
PAGE_ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
STRINGS = {"type": "array", "items": STRING}
NULLABLE_OBJECT = {"type": ["object", "null"]}
# A query parameter's text: a parameter given without a value is refused (a 400).
QUERY_TEXT = {"type": "string", "minLength": 1}

# The JSON type of a model field's value, for fields without a serializer of their own: the
# first class the field is an instance of (AutoField is an IntegerField, RichTextField a
# TextField).
MODEL_FIELD_SCHEMAS = [
    (models.BooleanField, BOOLEAN),
    (models.IntegerField, INTEGER),
    (models.DateTimeField, DATE_TIME),
    (models.DateField, {"type": "string", "format": "date"}),
    (models.CharField | models.TextField, STRING),
]
# The pages endpoint's meta fields that are not model fields.
COMPUTED_META_FIELDS = {
    "type": STRING,
    "detail_url": STRING,
    "html_url": NULLABLE_STRING,
    "alias_of": NULLABLE_OBJECT,
    "parent": NULLABLE_OBJECT,
    "locale": STRING,
}


def model_field_schema(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    for field_class, schema in MODEL_FIELD_SCHEMAS:
        if isinstance(field, field_class):
            return {**schema, "type": [schema["type"], "null"]} if field.null else schema
    return {}


def page_type_schema(model):
    """The detail representation of a page of `model`, exact: every key, no other."""
    properties = {"meta": PAGE_META}
    for api_field in CarePagesAPIViewSet.get_body_fields(model):  # id, title, `api_fields`
        serializer_schema = getattr(api_field.serializer, "json_schema", None)
        properties[api_field.name] = serializer_schema or model_field_schema(model, api_field.name)
    return object_schema(
        properties,
        required=True,
        description=(model.__doc__ or "").strip().split("\n\n")[0],
        additionalProperties=False,
    )


def query(name, schema, description, **extra):
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def any_of(name, items, description):
    """A filter taking one value or more (`?topic=a&topic=b`)."""
    return query(name, {"type": "array", "items": items}, description, explode=True)


def enum(values):
    return {"type": "string", "enum": list(values)}


def answer(description, schema=None):
    """A response: its description and, when given, its JSON body's schema."""
    content = {"content": {"application/json": {"schema": schema}}} if schema else {}
    return {"description": description, **content}


# gunicorn (and Django's development server) refuse a request line longer than they read
# (4094 bytes, 64 KiB) with a short HTML page, before the site sees the request: the one error
# that is not JSON. Every operation documents it (docs/decisions.md).
URI_TOO_LONG = answer("URI too long: refused by the HTTP server, as a short HTML page, not JSON")


def operation(summary, operation_id, parameters, responses, **extra):
    """An operation, also documenting what the HTTP server answers for it."""
    return {
        "summary": summary,
        "operationId": operation_id,
        "parameters": parameters,
        **extra,
        "responses": {**responses, "414": URI_TOO_LONG},
    }


def get(*arguments):
    return {"get": operation(*arguments)}


def item_schema(meta, **properties):
    """An item of a listing: its id, its meta and the default fields of its endpoint."""
    return object_schema({"id": INTEGER, "meta": meta, **properties}, required=["id", "meta"])


ID_PATH = {"name": "id", "in": "path", "required": True, "schema": PAGE_ID}
RICH_TEXT_FORMAT = query(
    "rich_text_format",
    enum(["db_html", "html", "db_markdown", "markdown"]),
    "How rich text is given.",
)
LISTING_PARAMETERS = [
    query("offset", {"type": "integer", "minimum": 0, "maximum": 999_999_999}, "Items to skip."),
    query("search", QUERY_TEXT, "Keywords (full-text search)."),
    query("search_operator", enum(["and", "or"]), "How the keywords of `search` combine."),
    query("order", QUERY_TEXT, "A field to order by; `-field` for descending."),
    query("fields", QUERY_TEXT, "Fields to add (`a,b`), remove (`-a`), or `*`."),
]
PAGE_FILTERS = [
    query("child_of", PAGE_ID, "Children of."),
    query("descendant_of", PAGE_ID, "Below a page."),
    query("translation_of", PAGE_ID, "Translations of a page."),
    any_of(
        "topic",
        QUERY_TEXT,
        "Resources on any of these topics (slugs), with type=resources.ResourcePage.",
    ),
    any_of("resource_type", QUERY_TEXT, "Resources of any of these types (slugs)."),
    any_of("partner", QUERY_TEXT, "Resources published by any of these partners (slugs)."),
    any_of(
        "year",
        {"type": "integer", "minimum": 1, "maximum": 9999},
        "Resources published in any of these years.",
    ),
    query("when", enum(WHEN_VALUES), "Events to come or past, with type=events.EventPage."),
]


def read_paths(name, listing, detail, item, detail_schema, filters=(), formats=()):
    """An endpoint's listing (`/api/v2/<name>/`) and detail (`/api/v2/<name>/{id}/`);
    `listing` and `detail` are each (summary, operationId)."""
    maximum = settings.WAGTAILAPI_LIMIT_MAX
    limit = query("limit", {"type": "integer", "minimum": 0, "maximum": maximum}, "Items per page.")
    listing_meta = object_schema({"total_count": INTEGER}, required=True)
    listing_schema = object_schema(
        {"meta": listing_meta, "items": {"type": "array", "items": item}},
        required=True,
    )
    errors = {
        "400": answer("Bad request", ERROR),
        "304": answer("Not modified (If-None-Match / If-Modified-Since)"),
    }
    listing_parameters = [limit, *LISTING_PARAMETERS, *filters, *formats]
    return {
        f"/api/v2/{name}/": get(
            *listing, listing_parameters, {"200": answer("OK", listing_schema), **errors}
        ),
        f"/api/v2/{name}/{{id}}/": get(
            *detail,
            [ID_PATH, *formats],
            {"200": answer("OK", detail_schema), **errors, "404": answer("Not found", ERROR)},
        ),
    }


def pages_paths(types):
    languages = [code for code, _name in settings.LANGUAGES]
    filters = [
        query("type", enum(types), "Only pages of this type."),
        query("locale", enum(languages), "Only pages in this language."),
        *PAGE_FILTERS,
    ]
    return read_paths(
        "pages",
        ("Live, public pages", "listPages"),
        ("One live, public page with every field of its type", "getPage"),
        item_schema(PAGE_META),
        {"anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in types]},
        filters,
        [RICH_TEXT_FORMAT],
    )


def media_paths(name, **properties):
    item = item_schema({"type": "object"}, **properties)
    return read_paths(
        name, (f"All {name}", f"list_{name}"), (f"One of the {name}", f"get_{name}"), item, item
    )


FORM_FIELD = object_schema(
    {
        **dict.fromkeys(["name", "type", "label", "help_text", "default_value"], STRING),
        "required": BOOLEAN,
        "choices": STRINGS,
        "max_length": {"type": ["integer", "null"]},
        "multiple": BOOLEAN,
    },
    required=["name", "type", "label", "help_text", "required", "choices"],
)
FORM_DEFINITION = object_schema(
    {
        "id": INTEGER,
        **dict.fromkeys(["title", "locale", "intro", "closed_text", "submit_label"], STRING),
        "thank_you_text": STRING,
        "state": enum(["open", "closed", "not_open"]),
        "fields": {"type": "array", "items": FORM_FIELD},
        "consent": object_schema({"name": STRING, "label": STRING, "required": BOOLEAN}),
        "spam": {"type": "object"},
    },
    required=["id", "title", "locale", "state", "fields", "consent", "spam"],
)
FORM_ERRORS = object_schema(
    {
        "message": STRING,
        "errors": {"type": "object", "additionalProperties": STRINGS},
        "state": STRING,
    },
    required=["message"],
)
FORM_NOT_FOUND = answer("No live, public form page with this id", ERROR)
FORM_ANSWERS = {
    "type": "object",
    "description": "Field name -> answer; care_consent (true), care_token (from the GET, "
    "single-use), care_trap (empty).",
    "additionalProperties": True,
}
FORM_STORED = object_schema({"id": INTEGER, "message": STRING}, required=True)
FORMS_PATHS = {
    "/api/v2/forms/{id}/": {
        **get(
            "A form page's questions, consent wording and spam-timer token",
            "getForm",
            [ID_PATH],
            {"200": answer("OK", FORM_DEFINITION), "404": FORM_NOT_FOUND},
        ),
        "post": operation(
            "Send answers (as the HTML form does, as a JSON object)",
            "submitForm",
            [ID_PATH],
            requestBody={
                "required": True,
                "content": {"application/json": {"schema": FORM_ANSWERS}},
            },
            responses={
                "201": answer(
                    "Stored (spam too: it is kept in the reviewers' spam folder)", FORM_STORED
                ),
                "400": answer(
                    "Answers to correct, sent too soon after the GET, or a body that cannot be "
                    "read (not UTF-8, nested too deeply, lone surrogates, too many fields)",
                    FORM_ERRORS_REF,
                ),
                "403": answer("Origin not allowed", FORM_ERRORS_REF),
                "404": FORM_NOT_FOUND,
                "409": answer("The form is closed", FORM_ERRORS_REF),
                "413": answer("Body over 2.5 MB", FORM_ERRORS_REF),
                "415": answer("Not JSON", FORM_ERRORS_REF),
                "429": answer("Over the rate limit", FORM_ERRORS_REF),
            },
        ),
    }
}
PREVIEW_PATHS = {
    "/api/v2/preview/": get(
        "The latest draft of a page, with a preview token from the admin",
        "previewPage",
        [query("token", QUERY_TEXT, "The signed token.", required=True)],
        {
            "200": answer("OK", {"type": "object"}),
            "400": answer("Missing, forged or expired token", ERROR),
            "404": answer("The page no longer exists", ERROR),
        },
    )
}


def build_schema():
    # Wagtail's own Page is not served by itself.
    page_models = [
        model for model in get_page_models() if model.__module__.split(".")[0] != "wagtail"
    ]
    page_meta = {
        name: COMPUTED_META_FIELDS.get(name) or model_field_schema(Page, name)
        for name in CarePagesAPIViewSet.meta_fields
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: content API",
            "version": "2",
            "description": "Live, public pages, images, documents and forms (docs/api.md).",
        },
        "paths": {
            **pages_paths([model._meta.label for model in page_models]),
            **media_paths("images", title=STRING, description=STRING),
            **media_paths("documents", title=STRING),
            **FORMS_PATHS,
            **PREVIEW_PATHS,
            "/api/v2/schema/": get(
                "This document", "getSchema", [], {"200": answer("OpenAPI 3.1")}
            ),
        },
        "components": {
            "schemas": {
                "Error": object_schema({"message": STRING}, required=True),
                "FormErrors": FORM_ERRORS,
                "PageMeta": object_schema(page_meta),
                **{model._meta.label: page_type_schema(model) for model in page_models},
            }
        },
    }


# A DRF view, so another method is a JSON 405 like the rest of the API's.
@api_view(["GET", "HEAD"])
@renderer_classes([JSONRenderer])
@authentication_classes([])
@permission_classes([])
def schema_view(request):
    return Response(build_schema())
