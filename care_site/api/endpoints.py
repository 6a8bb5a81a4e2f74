"""What every read endpoint of the API shares: JSON only, clear pagination errors, caching
headers with 304s, and a bad filter value answered with 400 rather than an error page."""

from django.core.exceptions import ValidationError
from django.http import Http404

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.renderers import JSONRenderer

from . import filters
from .caching import ConditionalGetMixin
from .pagination import CarePagination

# The largest id a database column holds: a bigger one in the address is a 404, not a
# database error.
MAX_ID = 2**63 - 1


class ReadEndpointMixin(ConditionalGetMixin):
    renderer_classes = [JSONRenderer]
    pagination_class = CarePagination

    def get_object(self):
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404
        return super().get_object()

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except (ValueError, ValidationError) as error:
            # A filter value the database cannot compare (`?start=soon`): the client's mistake.
            raise BadRequestError(f"invalid filter value: {error}") from error


MEDIA_FILTERS = [wagtail_filters.FieldsFilter, wagtail_filters.OrderingFilter, filters.SearchFilter]


class CareImagesAPIViewSet(ReadEndpointMixin, ImagesAPIViewSet):
    """Images with their alt text (`description`, required in this site's admin)."""

    filter_backends = MEDIA_FILTERS
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "description"]


class CareDocumentsAPIViewSet(ReadEndpointMixin, DocumentsAPIViewSet):
    filter_backends = MEDIA_FILTERS
