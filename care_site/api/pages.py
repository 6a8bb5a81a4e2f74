"""The pages endpoint: Wagtail's, restricted to live pages without view restrictions (a
session that has entered a page's password still gets only public pages, so responses can be
cached publicly), with the site's filters, relations fetched per page type so a listing costs
the same number of queries however many pages it holds, and each page serialized in its own
language (links inside it point at pages in that language)."""

from django.utils import translation

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet

from . import filters
from .endpoints import ReadEndpointMixin

# Page types whose representation changes with the clock (an event's status, the landing
# page's next meeting, whether a form is open): no Last-Modified for them.
CLOCK_DEPENDENT_TYPES = {"home.HomePage", "events.EventPage", "care_forms.FormPage"}

# Relations each page type's API fields read, fetched with the page.
LISTING_RELATIONS = {
    "resources.ResourcePage": {
        "select_related": ("locale", "image", "resource_type", "publisher_page", "document"),
        "prefetch_related": ("topics",),
    },
    "partners.PartnerPage": {
        "select_related": ("locale", "image", "logo"),
        "prefetch_related": ("focus_areas",),
    },
    "events.EventPage": {"select_related": ("locale", "image"), "prefetch_related": ()},
}


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


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
        relations = LISTING_RELATIONS.get(label(queryset.model), {})
        queryset = queryset.select_related(*relations.get("select_related", ("locale",)))
        return queryset.prefetch_related(*relations.get("prefetch_related", ()))

    def response_depends_on_clock(self):
        if self.action == "detail_view":
            return label(type(self.get_object())) in CLOCK_DEPENDENT_TYPES
        requested = set(self.request.GET.get("type", "").split(","))
        return "when" in self.request.GET or bool(requested & CLOCK_DEPENDENT_TYPES)
