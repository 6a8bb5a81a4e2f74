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

from events.api import WHEN_VALUES

from .pages import CarePagesAPIViewSet

ERROR = {"$ref": "#/components/schemas/Error"}
RICH_TEXT_FORMATS = ["db_html", "html", "db_markdown", "markdown"]
NULLABLE_STRING = {"type": ["string", "null"]}
MAX_ID = 2**31 - 1


def page_type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


def model_field_schema(field):
    if isinstance(field, wagtail_fields.StreamField):
        schema = {"type": "array"}
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.IntegerField | models.AutoField):
        schema = {"type": "integer"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.CharField | models.TextField | wagtail_fields.RichTextField):
        schema = {"type": "string"}
    else:
        return {}
    if field.null:
        schema["type"] = [schema["type"], "null"]
    return schema


def api_field_schema(model, api_field):
    serializer = api_field.serializer
    if serializer is not None and hasattr(serializer, "json_schema"):
        return serializer.json_schema
    try:
        field = model._meta.get_field(api_field.name)
    except FieldDoesNotExist:
        return {}
    return model_field_schema(field)


def page_meta_schema():
    return {
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
    properties = {
        "id": {"type": "integer"},
        "meta": {"$ref": "#/components/schemas/PageMeta"},
        "title": {"type": "string"},
    }
    for api_field in CarePagesAPIViewSet._convert_api_fields(getattr(model, "api_fields", [])):
        properties[api_field.name] = api_field_schema(model, api_field)
    return {
        "type": "object",
        "description": (model.__doc__ or "").strip().split("\n\n")[0],
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


def api_page_models():
    return [model for model in get_page_models() if model.__module__.split(".")[0] != "wagtail"]


def query(name, schema, description, **extra):
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def listing_parameters(max_limit):
    return [
        query("limit", {"type": "integer", "minimum": 0, "maximum": max_limit}, "Items per page."),
        query(
            "offset", {"type": "integer", "minimum": 0, "maximum": 999_999_999}, "Items to skip."
        ),
        query("search", {"type": "string"}, "Keywords (full-text search)."),
        query(
            "search_operator", {"type": "string", "enum": ["and", "or"]}, "How keywords combine."
        ),
        query("order", {"type": "string"}, "A field to order by; `-field` for descending."),
        query("fields", {"type": "string"}, "Fields to add (`a,b`), remove (`-a`), or `*`."),
    ]


def responses(ok, *, not_found=True, not_modified=True):
    answers = {"200": ok, "400": {"description": "Bad request", "content": json(ERROR)}}
    if not_modified:
        answers["304"] = {"description": "Not modified (If-None-Match / If-Modified-Since)"}
    if not_found:
        answers["404"] = {"description": "Not found", "content": json(ERROR)}
    return answers


def json(schema):
    return {"application/json": {"schema": schema}}


def ok(schema, description="OK"):
    return {"description": description, "content": json(schema)}


def listing_of(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer"}},
            },
            "items": {"type": "array", "items": item},
        },
    }


ID_PATH = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
RICH_TEXT_FORMAT = query(
    "rich_text_format", {"type": "string", "enum": RICH_TEXT_FORMATS}, "How rich text is given."
)


def pages_paths(page_models, max_limit):
    languages = [code for code, _name in settings.LANGUAGES]
    types = [page_type_name(model) for model in page_models]
    page_item = {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {
            "id": {"type": "integer"},
            "meta": {"$ref": "#/components/schemas/PageMeta"},
        },
    }
    slugs = {"type": "array", "items": {"type": "string"}}
    filters = [
        query("type", {"type": "string", "enum": types}, "Only pages of this type."),
        query("locale", {"type": "string", "enum": languages}, "Only pages in this language."),
        query("child_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Children of."),
        query(
            "descendant_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Below a page."
        ),
        query(
            "translation_of",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            "Translations of a page.",
        ),
        query(
            "topic",
            slugs,
            "Resources on any of these topics (slugs), with type=resources.ResourcePage.",
            explode=True,
        ),
        query("resource_type", slugs, "Resources of any of these types (slugs).", explode=True),
        query(
            "partner", slugs, "Resources published by any of these partners (slugs).", explode=True
        ),
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
    detail = {"anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in types]}
    return {
        "/api/v2/pages/": {
            "get": {
                "summary": "Live, public pages",
                "operationId": "listPages",
                "parameters": [*listing_parameters(max_limit), *filters, RICH_TEXT_FORMAT],
                "responses": responses(ok(listing_of(page_item)), not_found=False),
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One live, public page with every field of its type",
                "operationId": "getPage",
                "parameters": [ID_PATH, RICH_TEXT_FORMAT],
                "responses": responses(ok(detail)),
            }
        },
    }


def media_paths(name, item_properties):
    item = {
        "type": "object",
        "required": ["id", "meta"],
        "properties": {"id": {"type": "integer"}, "meta": {"type": "object"}, **item_properties},
    }
    return {
        f"/api/v2/{name}/": {
            "get": {
                "summary": f"All {name}",
                "operationId": f"list_{name}",
                "parameters": listing_parameters(settings.WAGTAILAPI_LIMIT_MAX),
                "responses": responses(ok(listing_of(item)), not_found=False),
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "summary": f"One of the {name}",
                "operationId": f"get_{name}",
                "parameters": [ID_PATH],
                "responses": responses(ok(item)),
            }
        },
    }


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


def forms_paths():
    return {
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
                            "care_token (from the GET), care_website (empty).",
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
                                "id": {"type": ["integer", "null"]},
                                "message": {"type": "string"},
                            },
                        },
                        "Stored (or caught as spam: id is null and nothing is kept)",
                    ),
                    "400": {"description": "Answers to correct", "content": json(FORM_ERRORS)},
                    "403": {"description": "Origin not allowed", "content": json(FORM_ERRORS)},
                    "404": {"description": "No live, public form page with this id"},
                    "409": {"description": "The form is closed", "content": json(FORM_ERRORS)},
                    "415": {"description": "Not JSON"},
                    "429": {"description": "Over the rate limit", "content": json(FORM_ERRORS)},
                },
            },
        }
    }


def preview_paths():
    return {
        "/api/v2/preview/": {
            "get": {
                "summary": "The latest draft of a page, with a preview token from the admin",
                "operationId": "previewPage",
                "parameters": [
                    query("token", {"type": "string"}, "The signed token.", required=True)
                ],
                "responses": {
                    "200": ok({"type": "object"}),
                    "400": {
                        "description": "Missing, forged or expired token",
                        "content": json(ERROR),
                    },
                    "404": {"description": "The page no longer exists", "content": json(ERROR)},
                },
            }
        }
    }


def build_schema():
    page_models = api_page_models()
    max_limit = settings.WAGTAILAPI_LIMIT_MAX
    image_properties = {
        "title": {"type": "string"},
        "description": {"type": "string"},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: content API",
            "version": "2",
            "description": "Live, public pages, images, documents and forms (docs/api.md).",
        },
        "paths": {
            **pages_paths(page_models, max_limit),
            **media_paths("images", image_properties),
            **media_paths("documents", {"title": {"type": "string"}}),
            **forms_paths(),
            **preview_paths(),
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
                "PageMeta": page_meta_schema(),
                **{page_type_name(model): page_type_schema(model) for model in page_models},
            }
        },
    }


def schema_view(request):
    return JsonResponse(build_schema(), json_dumps_params={"indent": 2})
