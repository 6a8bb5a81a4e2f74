"""Draft preview for a decoupled front end, with a short-lived signed token.

An editor who may edit a page asks for a token (`preview/token/<page id>/`, from the admin's
"Preview in the front end" action, or as JSON); the token names the page and its latest revision
and expires after CARE_API_PREVIEW_TOKEN_MAX_AGE seconds. The front end fetches
`preview/?token=...` and gets that revision in the same shape as the pages endpoint.
Nothing is stored: the token is signed with the site's secret key (django.core.signing), so it
cannot be forged, and it is only good for the revision it names.

wagtail-headless-preview 0.9 was not used: it needs a mixin on every page class and its own
table, its tokens are checked without any age limit, and it ships no API endpoint."""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, Revision

from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

SALT = "care_site.api.preview"


def make_token(page):
    return signing.dumps({"page": page.pk, "revision": page.latest_revision_id}, salt=SALT)


def read_token(token):
    """(page id, revision id) from a token; BadRequestError when forged or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.CARE_API_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadRequestError("preview token has expired: ask the admin for a new one") from error
    except signing.BadSignature as error:
        raise BadRequestError("preview token is not valid") from error
    return payload.get("page"), payload.get("revision")


def token_view(request, page_id):
    """A preview token for an editor of the page: JSON, or a redirect to the front end's
    preview address when CARE_API_PREVIEW_CLIENT_URL is set (and `?format=json` is not)."""
    page = Page.objects.filter(pk=page_id).first()
    user = request.user
    if page is None or not user.is_authenticated:
        raise Http404
    if not page.permissions_for_user(user).can_edit():
        raise Http404
    token = make_token(page.specific)
    client_url = settings.CARE_API_PREVIEW_CLIENT_URL
    if client_url and request.GET.get("format") != "json":
        response = HttpResponseRedirect(client_url.replace("{token}", token))
    else:
        response = JsonResponse(
            {
                "token": token,
                "expires_in": settings.CARE_API_PREVIEW_TOKEN_MAX_AGE,
                "url": request.build_absolute_uri(reverse("api_preview")) + f"?token={token}",
            }
        )
    add_never_cache_headers(response)
    return response


class PreviewAPIView(APIView):
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, Http404):
            return Response({"message": "not found"}, status=404)
        return super().handle_exception(exc)

    def get(self, request):
        from .pages import CarePagesAPIViewSet
        from .router import api_router

        page_id, revision_id = read_token(request.GET.get("token", ""))
        revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
        if revision is None:
            raise Http404
        page = revision.as_object()
        request.wagtailapi_router = api_router
        view = CarePagesAPIViewSet(request=request, action="detail_view", format_kwarg=None)
        serializer_class = CarePagesAPIViewSet._get_serializer_class(
            api_router, type(page), [], show_details=True
        )
        context = {
            "request": request,
            "view": view,
            "router": api_router,
            "base_queryset": view.get_base_queryset(),
            "_wagtail_rich_text_format": APIRichText.resolve_format(None),
        }
        response = Response(serializer_class(page, context=context).data)
        add_never_cache_headers(response)
        return response


class FrontEndPreviewMenuItem(ActionMenuItem):
    """ "Preview in the front end" in the page editor's actions, when a front end is
    configured: opens the front end's preview address with a token for the last saved draft."""

    label = _("Preview in the front end")
    name = "action-front-end-preview"
    icon_name = "view"

    def is_shown(self, context):
        return (
            bool(settings.CARE_API_PREVIEW_CLIENT_URL)
            and context["view"] == "edit"
            and self.get_user_page_permissions_tester(context).can_edit()
        )

    def get_url(self, parent_context):
        return reverse("api_preview_token", args=[parent_context["page"].pk])


# Registered here, with the view it links to; this module is loaded with the URLconf, before
# any admin page is drawn.
@hooks.register("register_page_action_menu_item")
def front_end_preview_menu_item():
    return FrontEndPreviewMenuItem(order=15)
