"""The headless content API at /api/v2/: pages, images, documents and forms for decoupled
front ends, its OpenAPI document and draft previews (docs/api.md)."""

from .router import api_router, api_urlpatterns

__all__ = ["api_router", "api_urlpatterns"]
