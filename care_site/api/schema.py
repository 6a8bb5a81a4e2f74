"""The OpenAPI 3.1 document of the API, served at /api/v2/schema/. It is built from the code it
describes: every page type's `api_fields` (a serializer's `json_schema`, else the model field's
type), the filters and the limits, so adding a field to a page type adds it here too. The test
suite runs schemathesis against a live server with it (tests/api/test_schema.py)."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import JsonResponse

from wagtail import fields as wagtail_fields
from wagtail.models import get_page_models

from care_site.base.api import NULLABLE_STRING
from events.api import WHEN_VALUES

from .endpoints import CarePagesAPIViewSet

ERROR = {"$ref": "#/components/schemas/Error"}
RICH_TEXT_FORMATS = ["db_html", "html", "db_markdown", "markdown"]
MAX_ID = 2**31 - 1
PAGE_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

# The JSON type of a model field's value, for fields without a serializer of their own: the
# first class the field is an instance of.
MODEL_FIELD_SCHEMAS = [
    (wagtail_fields.StreamField, {"type": "array"}),
    (models.BooleanField, {"type": "boolean"}),
    (models.IntegerField | models.AutoField, {"type": "integer"}),
    (models.DateTimeField, {"type": "string", "format": "date-time"}),
    (models.DateField, {"type": "string", "format": "date"}),
    (models.CharField | models.TextField | wagtail_fields.RichTextField, {"type": "string"}),
]


def api_field_schema(model, api_field):
    if hasattr(api_field.serializer, "json_schema"):
        return api_field.serializer.json_schema
    try:
        field = model._meta.get_field(api_field.name)
    except FieldDoesNotExist:
        return {}
    for field_class, schema in MODEL_FIELD_SCHEMAS:
        if isinstance(field, field_class):
            return {**schema, "type": [schema["type"], "null"]} if field.null else schema
    return {}


PAGE_META = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "detail_url": {"type": "string"},
        "html_url": NULLABLE_STRING,
        "slug": {"type": "string"},
        "show_in_menus": {"type": "boolean"},
        "seo_title": {"type": "string"},
        "search_description": {"type": "string"},
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        "alias_of": {"type": ["object", "null"]},
        "parent": {"type": ["object", "null"]},
        "locale": {"type": "string"},
    },
}


def page_type_schema(model):
    """The detail representation of a page of `model`, exact: every key, no other."""
    properties = {"meta": {"$ref": "#/components/schemas/PageMeta"}}
    for api_field in CarePagesAPIViewSet.get_body_fields(model):  # id, title, `api_fields`
        properties[api_field.name] = api_field_schema(model, api_field)
    return {
        "type": "object",
        "description": (model.__doc__ or "").strip().split("\n\n")[0],
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


def query(name, schema, description, **extra):
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def responses(ok, *, not_found=True):
    answers = {
        "200": ok,
        "400": {"description": "Bad request", "content": json(ERROR)},
        "304": {"description": "Not modified (If-None-Match / If-Modified-Since)"},
    }
    if not_found:
        answers["404"] = {"description": "Not found", "content": json(ERROR)}
    return answers


def json(schema):
    return {"application/json": {"schema": schema}}


def ok(schema, description="OK"):
    return {"description": description, "content": json(schema)}


def item_schema(meta, **properties):
    """An item of a listing: its id, its meta and the default fields of its endpoint."""
    return {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {"id": {"type": "integer"}, "meta": meta, **properties},
    }


ID_PATH = {"name": "id", "in": "path", "required": True, "schema": PAGE_ID}
RICH_TEXT_FORMAT = query(
    "rich_text_format", {"type": "string", "enum": RICH_TEXT_FORMATS}, "How rich text is given."
)


LISTING_PARAMETERS = [
    query("offset", {"type": "integer", "minimum": 0, "maximum": 999_999_999}, "Items to skip."),
    query("search", {"type": "string"}, "Keywords (full-text search)."),
    query("search_operator", {"type": "string", "enum": ["and", "or"]}, "How keywords combine."),
    query("order", {"type": "string"}, "A field to order by; `-field` for descending."),
    query("fields", {"type": "string"}, "Fields to add (`a,b`), remove (`-a`), or `*`."),
]
LISTING_META = {
    "type": "object",
    "required": ["total_count"],
    "properties": {"total_count": {"type": "integer"}},
}


def read_paths(name, listing, detail, item, detail_schema, filters=(), formats=()):
    """An endpoint's listing (`/api/v2/<name>/`) and detail (`/api/v2/<name>/{id}/`);
    `listing` and `detail` are each (summary, operationId)."""
    maximum = settings.WAGTAILAPI_LIMIT_MAX
    limit = query("limit", {"type": "integer", "minimum": 0, "maximum": maximum}, "Items per page.")
    listing_schema = {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {"meta": LISTING_META, "items": {"type": "array", "items": item}},
    }
    return {
        f"/api/v2/{name}/": {
            "get": {
                "summary": listing[0],
                "operationId": listing[1],
                "parameters": [limit, *LISTING_PARAMETERS, *filters, *formats],
                "responses": responses(ok(listing_schema), not_found=False),
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "summary": detail[0],
                "operationId": detail[1],
                "parameters": [ID_PATH, *formats],
                "responses": responses(ok(detail_schema)),
            }
        },
    }


SLUGS = {"type": "array", "items": {"type": "string"}}
PAGE_FILTERS = [
    query("child_of", PAGE_ID, "Children of."),
    query("descendant_of", PAGE_ID, "Below a page."),
    query("translation_of", PAGE_ID, "Translations of a page."),
    query(
        "topic",
        SLUGS,
        "Resources on any of these topics (slugs), with type=resources.ResourcePage.",
        explode=True,
    ),
    query("resource_type", SLUGS, "Resources of any of these types (slugs).", explode=True),
    query("partner", SLUGS, "Resources published by any of these partners (slugs).", explode=True),
    query(
        "year",
        {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 9999}},
        "Resources published in any of these years.",
        explode=True,
    ),
    query(
        "when",
        {"type": "string", "enum": list(WHEN_VALUES)},
        "Events to come or past, with type=events.EventPage.",
    ),
]


def pages_paths(types):
    languages = [code for code, _name in settings.LANGUAGES]
    filters = [
        query("type", {"type": "string", "enum": types}, "Only pages of this type."),
        query("locale", {"type": "string", "enum": languages}, "Only pages in this language."),
        *PAGE_FILTERS,
    ]
    return read_paths(
        "pages",
        ("Live, public pages", "listPages"),
        ("One live, public page with every field of its type", "getPage"),
        item_schema({"$ref": "#/components/schemas/PageMeta"}),
        {"anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in types]},
        filters,
        [RICH_TEXT_FORMAT],
    )


def media_paths(name, **properties):
    item = item_schema({"type": "object"}, **properties)
    return read_paths(
        name, (f"All {name}", f"list_{name}"), (f"One of the {name}", f"get_{name}"), item, item
    )


FORM_FIELD = {
    "type": "object",
    "required": ["name", "type", "label", "help_text", "required", "choices"],
    "properties": {
        "name": {"type": "string"},
        "type": {"type": "string"},
        "label": {"type": "string"},
        "help_text": {"type": "string"},
        "required": {"type": "boolean"},
        "choices": {"type": "array", "items": {"type": "string"}},
        "default_value": {"type": "string"},
        "max_length": {"type": ["integer", "null"]},
        "multiple": {"type": "boolean"},
    },
}
FORM_DEFINITION = {
    "type": "object",
    "required": ["id", "title", "locale", "state", "fields", "consent", "spam"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "locale": {"type": "string"},
        "intro": {"type": "string"},
        "state": {"type": "string", "enum": ["open", "closed", "not_open"]},
        "closed_text": {"type": "string"},
        "submit_label": {"type": "string"},
        "thank_you_text": {"type": "string"},
        "fields": {"type": "array", "items": FORM_FIELD},
        "consent": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "label": {"type": "string"},
                "required": {"type": "boolean"},
            },
        },
        "spam": {"type": "object"},
    },
}
FORM_ERRORS = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "state": {"type": "string"},
    },
}


FORMS_PATHS = {
    "/api/v2/forms/{id}/": {
        "get": {
            "summary": "A form page's questions, consent wording and spam-timer token",
            "operationId": "getForm",
            "parameters": [ID_PATH],
            "responses": {
                "200": ok(FORM_DEFINITION),
                "404": {"description": "No live, public form page with this id"},
            },
        },
        "post": {
            "summary": "Send answers (as the HTML form does, as a JSON object)",
            "operationId": "submitForm",
            "parameters": [ID_PATH],
            "requestBody": {
                "required": True,
                "content": json(
                    {
                        "type": "object",
                        "description": "Field name -> answer; care_consent (true), "
                        "care_token (from the GET, single-use), care_trap (empty).",
                        "additionalProperties": True,
                    }
                ),
            },
            "responses": {
                "201": ok(
                    {
                        "type": "object",
                        "required": ["id", "message"],
                        "properties": {
                            "id": {"type": "integer"},
                            "message": {"type": "string"},
                        },
                    },
                    "Stored (spam too: it is kept in the reviewers' spam folder)",
                ),
                "400": {
                    "description": "Answers to correct, or sent too soon after the GET",
                    "content": json(FORM_ERRORS),
                },
                "403": {"description": "Origin not allowed", "content": json(FORM_ERRORS)},
                "404": {"description": "No live, public form page with this id"},
                "409": {"description": "The form is closed", "content": json(FORM_ERRORS)},
                "415": {"description": "Not JSON"},
                "429": {"description": "Over the rate limit", "content": json(FORM_ERRORS)},
            },
        },
    }
}


PREVIEW_PATHS = {
    "/api/v2/preview/": {
        "get": {
            "summary": "The latest draft of a page, with a preview token from the admin",
            "operationId": "previewPage",
            "parameters": [query("token", {"type": "string"}, "The signed token.", required=True)],
            "responses": {
                "200": ok({"type": "object"}),
                "400": {"description": "Missing, forged or expired token", "content": json(ERROR)},
                "404": {"description": "The page no longer exists", "content": json(ERROR)},
            },
        }
    }
}


def build_schema():
    # Wagtail's own Page is not served by itself.
    page_models = [
        model for model in get_page_models() if model.__module__.split(".")[0] != "wagtail"
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: content API",
            "version": "2",
            "description": "Live, public pages, images, documents and forms (docs/api.md).",
        },
        "paths": {
            **pages_paths([model._meta.label for model in page_models]),
            **media_paths("images", title={"type": "string"}, description={"type": "string"}),
            **media_paths("documents", title={"type": "string"}),
            **FORMS_PATHS,
            **PREVIEW_PATHS,
            "/api/v2/schema/": {
                "get": {
                    "summary": "This document",
                    "operationId": "getSchema",
                    "responses": {"200": {"description": "OpenAPI 3.1"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {"message": {"type": "string"}},
                },
                "PageMeta": PAGE_META,
                **{model._meta.label: page_type_schema(model) for model in page_models},
            }
        },
    }


def schema_view(request):
    return JsonResponse(build_schema(), json_dumps_params={"indent": 2})
