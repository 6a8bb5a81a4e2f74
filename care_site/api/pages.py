"""The pages endpoint: Wagtail's, restricted to live pages without view restrictions (a
session that has entered a page's password still gets only public pages, so responses can be
cached publicly), with the site's filters, relations fetched per page type so a listing costs
the same number of queries however many pages it holds, and each page serialized in its own
language (links inside it point at pages in that language)."""

from django.utils import translation

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet

from . import filters
from .endpoints import ReadEndpointMixin


def depends_on_clock(model):
    """Whether the page type's representation changes with the clock (an event's status, the
    landing page's next meeting, whether a form is open): no Last-Modified for it."""
    return getattr(model, "depends_on_clock", False)


class LocalizedPageSerializer(PageSerializer):
    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return super().to_representation(instance)


class CarePagesAPIViewSet(ReadEndpointMixin, PagesAPIViewSet):
    base_serializer_class = LocalizedPageSerializer
    filter_backends = [
        filters.FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        filters.ContentFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        filters.LocaleFilter,
        filters.SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        filters.CONTENT_PARAMETERS
    )

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
        if self.action == "detail_view":
            return depends_on_clock(type(self.get_object()))
        try:
            requested = page_models_from_string(self.request.GET.get("type", "wagtailcore.Page"))
        except (LookupError, ValueError):
            requested = ()
        return "when" in self.request.GET or any(map(depends_on_clock, requested))
