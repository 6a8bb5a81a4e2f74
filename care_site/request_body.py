"""Bodies the site cannot read are refused before any view, or Django's CSRF check, reads them:
a POST, PUT or PATCH declaring a charset other than UTF-8, a form body Django cannot parse (too
big, too many fields, broken multipart), and JSON that is not UTF-8, nested deeper than any
answer needs, or holding lone surrogates (text no database column or file can hold). Each gets
a 400 (413 when too big) saying what to change: the JSON `{"message": ...}` the API documents
under `/api/`, the plain `400.html` page elsewhere.

Without it these were 500s in production: Django decodes a form body in the declared charset,
and when that fails inside the CSRF check, the error handler runs the check again on a body
already consumed; `json.loads` raises RecursionError on deep nesting; PostgreSQL refuses lone
surrogates (DataError) where SQLite stores them and breaks every listing and export later.

Form fields with bytes that are not UTF-8 are read as Django reads them, with U+FFFD in their
place: the visitor sees the form again with what they typed, rather than a page that loses it.

Place it after the middleware that add headers to every response (CORS, security, CSP,
framing), so its answers carry them too; it runs before any view, CSRF's included."""

import codecs
import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

BODY_METHODS = {"POST", "PUT", "PATCH"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# Form answers are an object of lists; the admin's JSON posts are a few levels deeper.
MAX_JSON_DEPTH = 32
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Unreadable(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def check_charset(request):
    charset = request.content_params.get("charset")
    if charset is None:
        return
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        name = None
    if name != "utf-8":
        raise Unreadable(_("Send the body in UTF-8: this site reads no other character set."))


def too_big():
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    message = _(
        "Too much was sent at once (more than %(limit)s). Shorten the answers and send again."
    )
    return Unreadable(message % {"limit": limit}, status=413)


def count_parts(request):
    """Refuse a multipart body with more parts than fields and files allowed by counting its
    boundaries, before Django's parser spends a second of a worker's time on 10,000 of them.
    Only bodies small enough to be read into memory anyway; larger ones (uploads) stream."""
    limits = (
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    )
    if None in limits:
        return
    size, fields, files = limits
    boundary = request.content_params.get("boundary", "").encode("ascii", "replace")
    if not boundary or int(request.META.get("CONTENT_LENGTH") or 0) > size:
        return
    if request.body.count(b"--" + boundary) - 1 > fields + files:
        raise Unreadable(_("Too many fields were sent."))


def check_form(request):
    if request.content_type == "multipart/form-data":
        count_parts(request)
    try:
        request.POST  # noqa: B018 - parsing is the check; views reuse the result
        request.FILES  # noqa: B018
    except RequestDataTooBig as error:
        raise too_big() from error
    except (TooManyFieldsSent, TooManyFilesSent) as error:
        raise Unreadable(_("Too many fields were sent.")) from error
    except MultiPartParserError as error:
        raise Unreadable(_("The form data could not be read.")) from error


def check_json(request):
    try:
        text = request.body.decode("utf-8")
    except RequestDataTooBig as error:
        raise too_big() from error
    except UnicodeDecodeError as error:
        raise Unreadable(_("The JSON is not valid UTF-8.")) from error
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise Unreadable(_("The JSON is nested too deeply.")) from error
    except ValueError:
        return  # malformed JSON: the view's parser says what is wrong
    # Walked with a list, not recursion, whatever the depth json.loads allowed.
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                raise Unreadable(
                    _("The JSON holds text that is not valid Unicode (a lone surrogate).")
                )
        elif isinstance(item, list | dict):
            if depth > MAX_JSON_DEPTH:
                raise Unreadable(_("The JSON is nested too deeply."))
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


class RefuseUnreadableBodies:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in BODY_METHODS:
            return self.get_response(request)
        content_type = request.content_type
        try:
            check_charset(request)
            if content_type in FORM_TYPES:
                check_form(request)
            elif content_type == "application/json" or content_type.endswith("+json"):
                check_json(request)
        except Unreadable as problem:
            if request.path.startswith("/api/"):
                return JsonResponse({"message": problem.message}, status=problem.status)
            page = render_to_string("400.html", {"message": problem.message})
            return HttpResponse(page, status=problem.status)
        return self.get_response(request)
