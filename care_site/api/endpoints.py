"""The API's read endpoints (pages, images, documents) and what they share: JSON only, clear
pagination errors, caching headers with 304s, and a bad filter value answered with 400 rather
than an error page.

Conditional requests: every successful read carries a strong `ETag` (a digest of the body, so
it is true whatever the response depends on, the clock included) and
`Cache-Control: public, max-age=N`. Responses that depend only on stored content also carry
`Last-Modified`: the last time anything a visitor can see changed (the content version the
site's cache follows, `care_site.base.cache`), which covers changes to linked pages, images and
settings too. Responses that change with the clock (an event becoming past, the landing page's
next meeting, a form opening) carry no `Last-Modified`, only the `ETag`.
A matching `If-None-Match` or `If-Modified-Since` gets 304 Not Modified."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from care_site.base import cache, sites

from . import filters

# The largest id a database column holds: a bigger one in the address is a 404, not a
# database error.
MAX_ID = 2**63 - 1


class CarePagination(WagtailPagination):
    """Wagtail's pagination, with messages a front-end developer can act on."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("limit", "offset"):
            raw = request.GET.get(name, "0")
            if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
                raise BadRequestError(f"{name} must be a whole number, 0 or more (got {raw!r})")
        maximum = settings.WAGTAILAPI_LIMIT_MAX
        limit = int(request.GET.get("limit", 0))
        if limit > maximum:
            raise BadRequestError(
                f"limit must be at most {maximum} (got {limit}); use offset to fetch the "
                f"next items, e.g. ?limit={maximum}&offset={maximum}"
            )
        # Wagtail's: 20 items unless `limit` says otherwise.
        return super().paginate_queryset(queryset, request, view)


class ReadEndpointMixin:
    renderer_classes = [JSONRenderer]
    pagination_class = CarePagination
    # Answers kept in the content cache (`kept`); whether the last one changes with the clock.
    keeps_answers = True
    depends_on_clock = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The Site from the cache, for Wagtail's own look-ups in the views and serializers.
        sites.find_for_request(request._request)
        # A parameter given without a value (`?type=`) is a 400: Wagtail's filters would take
        # it as absent and answer as if it had not been asked, hiding the client's mistake.
        empty = sorted(name for name, values in request.GET.lists() if "" in values)
        if empty:
            raise BadRequestError(f"{', '.join(empty)}: give a value, or leave the parameter out")

    def get_object(self):
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404
        return super().get_object()

    def listing_view(self, request):
        def listing():
            try:
                return super(ReadEndpointMixin, self).listing_view(request)
            except (ValueError, ValidationError) as error:
                # A filter value the database cannot compare (`?start=soon`): the client's
                # mistake.
                raise BadRequestError(f"invalid filter value: {error}") from error

        return self.kept(request, listing)

    def detail_view(self, request, *args, **kwargs):
        return self.kept(
            request, lambda: super(ReadEndpointMixin, self).detail_view(request, *args, **kwargs)
        )

    def kept(self, request, view):
        """The view's answer, its data kept in the content cache under the address (with its
        scheme and host) and the language until content changes, unless it changes with the
        clock too (then it is computed every time), or the endpoint keeps no answers. An error
        is raised, never kept."""

        def answer():
            response = view()
            return response.data, self.response_depends_on_clock()

        key = None
        if self.keeps_answers:
            # Answers carry absolute addresses (`detail_url`): scheme and host are in the key.
            where = (request.scheme, request.get_host(), request.get_full_path())
            key = cache.key("api", translation.get_language(), *where)
        data, self.depends_on_clock = cache.cached(answer, key, fresh=lambda kept: not kept[1])
        return Response(data)

    def response_depends_on_clock(self):
        return False

    def finalize_response(self, request, response, *args, **kwargs):
        """Validators and caching headers on 200 answers to GET/HEAD, unless the view chose
        its own caching (a draft preview is never cached)."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.has_header("Cache-Control")
        ):
            return response
        set_response_etag(response.render())
        last_modified = None if self.depends_on_clock else cache.last_changed()
        timestamp = int(last_modified.timestamp()) if last_modified else None
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, public=True, max_age=settings.CARE_API_CACHE_SECONDS)
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=timestamp, response=response
        )


MEDIA_FILTERS = [wagtail_filters.FieldsFilter, wagtail_filters.OrderingFilter, filters.SearchFilter]


class CareImagesAPIViewSet(ReadEndpointMixin, ImagesAPIViewSet):
    """Images with their alt text (`description`, required in this site's admin)."""

    filter_backends = MEDIA_FILTERS
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "description"]


class CareDocumentsAPIViewSet(ReadEndpointMixin, DocumentsAPIViewSet):
    filter_backends = MEDIA_FILTERS


class LocalizedPageSerializer(PageSerializer):
    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


class CarePagesAPIViewSet(ReadEndpointMixin, PagesAPIViewSet):
    """The pages endpoint: Wagtail's, restricted to live pages without view restrictions (a
    session that has entered a page's password still gets only public pages, so responses can be
    cached publicly), with the site's filters, relations fetched per page type so a listing costs
    the same number of queries however many pages it holds, and each page serialized in its own
    language (links inside it point at pages in that language)."""

    base_serializer_class = LocalizedPageSerializer
    filter_backends = [
        wagtail_filters.FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        filters.ContentFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        wagtail_filters.LocaleFilter,
        filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        filters.CONTENT_PARAMETERS
    )

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """Wagtail's; but the parameters the content filters read are neither field filters nor
        orderings (`resource_type` is a field, but here it takes a slug, as on the library page),
        and neither is a field whose serializer hides its stored value at times (`filterable`).
        """
        fields = super().get_available_fields(model, db_fields_only)
        if not db_fields_only:
            return fields
        unfilterable = filters.CONTENT_PARAMETERS.union(
            field.name
            for field in getattr(model, "api_fields", ())
            if not getattr(field.serializer, "filterable", True)
        )
        return [name for name in fields if name not in unfilterable]

    def get_base_queryset(self):
        # Wagtail builds it from three queries (restrictions, site, the site's translations),
        # and a listing asks for it more than once: build it once per request.
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = super().get_base_queryset().public()
        return self._base_queryset.all()

    def get_queryset(self):
        queryset = super().get_queryset()
        # The relations the page type's API fields read (`listing_select_related`, …).
        model = queryset.model
        queryset = queryset.select_related(*getattr(model, "listing_select_related", ("locale",)))
        return queryset.prefetch_related(*getattr(model, "listing_prefetch_related", ()))

    def response_depends_on_clock(self):
        """Whether the page types answered change with the clock (an event's status, the
        landing page's next meeting, whether a form is open): no Last-Modified for them."""
        if self.action == "detail_view":
            return getattr(type(self.get_object()), "depends_on_clock", False)
        # A listing answered 200 had a `type` Wagtail could read.
        requested = page_models_from_string(self.request.GET.get("type", "wagtailcore.Page"))
        clock = any(getattr(model, "depends_on_clock", False) for model in requested)
        return "when" in self.request.GET or clock
