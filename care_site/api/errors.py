"""Every error under /api/ is JSON of one shape, `{"message": "..."}` (the OpenAPI document's
`Error` component), whoever answers it:

- the API's views raise Wagtail's BadRequestError or Http404, which Wagtail's endpoints already
  answer that way;
- Django REST framework answers a body it cannot parse, a media type or a method a view does
  not take with `{"detail": ...}`: `exception_handler` renames it (it is the
  `EXCEPTION_HANDLER` of the REST_FRAMEWORK setting);
- Django itself answers an address nothing matches, a host not allowed, a failed CSRF check or
  an uncaught exception with the HTML site's error pages: `ApiErrorsAsJson` turns those into
  JSON too, keeping their status and headers (`Allow`, CORS).

The rest of the site, the admin's own API included, keeps its answers."""

import json
from http import HTTPStatus

from rest_framework.views import exception_handler as drf_exception_handler

from .locale import API_PREFIX


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None or not is_api(context["request"]):
        return response
    data = response.data
    if isinstance(data, dict) and "detail" in data:
        response.data = {"message": str(data["detail"])}
    else:
        # Field errors (a serializer's): the same shape as a form's answers to correct.
        response.data = {"message": HTTPStatus(response.status_code).phrase, "errors": data}
    return response


def message_for(request, response):
    if response.status_code == 404:
        return "There is nothing at this address; the API's addresses are in /api/v2/schema/"
    if response.status_code == 405 and response.has_header("Allow"):
        return f"{request.method} is not allowed here; allowed: {response['Allow']}"
    return HTTPStatus(response.status_code).phrase


class ApiErrorsAsJson:
    """Errors Django answers under /api/ with an HTML page (or nothing) become
    `{"message": ...}`. The response is changed in place, so the headers other middleware set
    on it stay. Place it before the middleware that can answer an error (security, CSRF,
    common), so it sees their answers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            is_api(request)
            and response.status_code >= 400
            and not response.streaming
            and response.get("Content-Type", "").split(";")[0].strip() != "application/json"
        ):
            response.content = json.dumps({"message": message_for(request, response)})
            response["Content-Type"] = "application/json"
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
