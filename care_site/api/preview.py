"""Draft preview for a decoupled front end, with a short-lived signed token.

An editor who may edit a page asks for a token (`preview/token/<page id>/`, from the admin's
"Preview in the front end" action, or as JSON); the token names the page and its latest revision
and expires after CARE_API_PREVIEW_TOKEN_MAX_AGE seconds. The front end fetches
`preview/?token=...` and gets that revision in the same shape as the pages endpoint.
Nothing is stored: the token is signed with the site's secret key (django.core.signing), so it
cannot be forged, and it is only good for the revision it names (docs/api.md says why not
wagtail-headless-preview)."""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, Revision

from .endpoints import CarePagesAPIViewSet

SALT = "care_site.api.preview"


def read_token(token):
    """(page id, revision id) from a token; BadRequestError when forged or expired."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.CARE_API_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadRequestError("preview token has expired: ask the admin for a new one") from error
    except signing.BadSignature as error:
        raise BadRequestError("preview token is not valid") from error
    return payload.get("page"), payload.get("revision")


@never_cache
def token_view(request, page_id):
    """A preview token for an editor of the page: JSON, or a redirect to the front end's
    preview address when CARE_API_PREVIEW_CLIENT_URL is set (and `?format=json` is not)."""
    page = get_object_or_404(Page, pk=page_id)
    if not (request.user.is_authenticated and page.permissions_for_user(request.user).can_edit()):
        raise Http404
    token = signing.dumps({"page": page.pk, "revision": page.latest_revision_id}, salt=SALT)
    client_url = settings.CARE_API_PREVIEW_CLIENT_URL
    if client_url and request.GET.get("format") != "json":
        return HttpResponseRedirect(client_url.replace("{token}", token))
    return JsonResponse(
        {
            "token": token,
            "expires_in": settings.CARE_API_PREVIEW_TOKEN_MAX_AGE,
            "url": request.build_absolute_uri(reverse("api_preview")) + f"?token={token}",
        }
    )


class PreviewAPIViewSet(CarePagesAPIViewSet):
    """The pages endpoint's detail view, showing the revision the token names; never cached."""

    authentication_classes = []
    permission_classes = []
    keeps_answers = False

    @cached_property
    def draft(self):
        page_id, revision_id = read_token(self.request.GET.get("token", ""))
        revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
        if revision is None:
            raise Http404("not found")
        return revision.as_object()

    def get_object(self):
        return self.draft

    def detail_view(self, request):
        response = super().detail_view(request, pk=self.draft.pk)
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
