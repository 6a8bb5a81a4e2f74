"""Headless forms: a front end on another origin reads a form page's definition and posts
answers as JSON. A post goes through `FormPage.take_submission`, the path the HTML form takes
(rate limit, spam checks, validation, consent, storage, emails), so the two cannot drift apart.

GET  /api/v2/forms/<id>/  the questions, consent wording and a fresh spam-timer token
POST /api/v2/forms/<id>/  a JSON object of answers (field name -> value), with `care_consent`,
                          `care_token` and `care_trap` as the HTML form posts them
                          -> 201 {"id": ...} | 400 {"message": ..., "errors": {field: [messages]}}
                             | 403 | 409 | 429
A post caught by the spam checks is answered 201 like any other and kept in the spam folder.
"""

from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import spam
from .models import CONSENT_FIELD, FormPage, Outcome


def live_form_page(pk):
    if pk > 2**63 - 1:  # the largest id a database column holds
        raise Http404
    return get_object_or_404(FormPage.objects.live().public().select_related("locale"), pk=pk)


def choices(field):
    if not field.choices:
        return []
    # Wagtail splits choices on new lines, or on commas when there is no new line.
    separator = "\n" if "\n" in field.choices else ","
    return [choice.strip() for choice in field.choices.split(separator) if choice.strip()]


def field_definition(field):
    return {
        "name": field.clean_name,
        "type": field.field_type,
        "label": field.label,
        "help_text": field.help_text,
        "required": field.required,
        "choices": choices(field),
        "default_value": field.default_value,
        "max_length": field.character_limit,
        "multiple": field.field_type in {"checkboxes", "multiselect"},
    }


def form_definition(page):
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "intro": expand_db_html(page.intro),
        "state": page.availability(),
        "closed_text": expand_db_html(page.closed_text),
        "submit_label": page.submit_label,
        "thank_you_text": expand_db_html(page.thank_you_text),
        "fields": [field_definition(field) for field in page.get_form_fields()],
        "consent": {"name": CONSENT_FIELD, "label": page.consent_text, "required": True},
        "spam": {
            "token_field": spam.TOKEN_FIELD,
            "token": spam.make_token(page),
            "honeypot_field": spam.HONEYPOT_FIELD,
            "min_fill_seconds": settings.CARE_FORMS_MIN_FILL_SECONDS,
        },
    }


def answers_as_querydict(payload):
    """The JSON answers as the QueryDict a browser's form post gives Django's form: lists as
    repeated values, true as a ticked box, false and null as absent. Returns (data, errors)."""
    data = QueryDict(mutable=True)
    errors = {}
    for name, value in payload.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
            data.setlist(name, [str(item) for item in value])
        elif isinstance(value, str | int | float):
            data[name] = str(value)
        else:
            errors[name] = [_("Give text, a number, true or false, or a list of choices.")]
    return data, errors


def origin_allowed(request):
    """Browsers say where a post comes from: only the site itself and the front ends in
    CORS_ALLOWED_ORIGINS may post. Clients that are not browsers send no Origin."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CORS_ALLOWED_ORIGINS


def error_response(message, status_code, **extra):
    return Response({"message": message, **extra}, status=status_code)


class FormAPIView(APIView):
    """A form page's definition (GET) and its submissions (POST)."""

    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    # No session or login is read, so no CSRF token is needed: answers are anonymous, as on
    # the page, and a cross-site post is refused by `origin_allowed`.
    authentication_classes = []
    permission_classes = []

    def get(self, request, pk):
        response = Response(form_definition(live_form_page(pk)))
        # The definition holds a fresh spam-timer token: never cached.
        add_never_cache_headers(response)
        return response

    def post(self, request, pk):
        page = live_form_page(pk)
        if not origin_allowed(request):
            return error_response(_("Posts from this origin are not allowed."), 403)
        state = page.availability()
        if state != "open":
            return error_response(_("This form is not accepting answers."), 409, state=state)
        if not isinstance(request.data, dict):
            return error_response(_("Send a JSON object of answers."), 400, errors={})
        data, errors = answers_as_querydict(request.data)
        if errors:
            return error_response(_("Some answers need attention."), 400, errors=errors)
        outcome, form, submission = page.take_submission(request._request, data)
        if outcome is Outcome.RATE_LIMITED:
            response = error_response(
                _("Too many posts from your address. Please wait a minute and send again."), 429
            )
            response["Retry-After"] = str(settings.CARE_FORMS_RATE_LIMIT_WINDOW)
            return response
        if outcome is Outcome.TOO_FAST:
            message = _(
                "The form was sent too soon after it was fetched. Wait a few seconds and send "
                "it again with the same token."
            )
            return error_response(message, 400, errors={spam.TOKEN_FIELD: [message]})
        if outcome is Outcome.INVALID:
            errors = {name: [str(error) for error in errs] for name, errs in form.errors.items()}
            return error_response(_("Some answers need attention."), 400, errors=errors)
        # Spam is answered like a person (it is kept in the spam folder).
        return Response(
            {
                "id": submission.pk,
                "message": expand_db_html(page.thank_you_text),
            },
            status=status.HTTP_201_CREATED,
        )
