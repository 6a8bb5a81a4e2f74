"""The headless content API at /api/v2/: pages, images, documents and forms for decoupled
front ends, its OpenAPI document and draft previews (docs/api.md).

Its URLs: Wagtail's router for pages, images and documents (our endpoint classes), and the
forms, preview and schema views beside it."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter

from forms.api import FormAPIView

from . import preview
from .endpoints import CareDocumentsAPIViewSet, CareImagesAPIViewSet, CarePagesAPIViewSet
from .schema import schema_view

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CarePagesAPIViewSet)
api_router.register_endpoint("images", CareImagesAPIViewSet)
api_router.register_endpoint("documents", CareDocumentsAPIViewSet)

api_urlpatterns = [
    path("schema/", schema_view, name="api_schema"),
    path("forms/<int:pk>/", FormAPIView.as_view(), name="api_form"),
    path(
        "preview/",
        api_router.wrap_view(preview.PreviewAPIViewSet.as_view({"get": "detail_view"})),
        name="api_preview",
    ),
    path("preview/token/<int:page_id>/", preview.token_view, name="api_preview_token"),
]
