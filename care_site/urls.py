from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from care_site import health, sitemaps
from care_site.api import api_router, api_urlpatterns
from care_site.base import views as base_views
from events import subscriptions
from home import icons
from search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.Readiness.as_view(), name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", include(api_urlpatterns)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.language_sitemap, name="sitemap_language"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", icons.favicon, name="favicon"),
    # Uploaded media from disk, only with DEBUG on (`static` adds nothing otherwise).
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Meeting subscriptions: the pages behind the links in subscribers' emails.
    path("subscriptions/", include(subscriptions)),
    # Wagtail's own views, then its catch-all served by `care_site.base.views.serve`.
    path("", include(wagtail_urls.urlpatterns[:-1])),
    re_path(wagtail_urls.serve_pattern, base_views.serve, name="wagtail_serve"),
)
