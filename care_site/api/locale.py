"""Django's LocaleMiddleware redirects a 404 at an address without a language prefix to the
same address with one, when that would resolve; Wagtail's catch-all page route resolves
anything, so an API 404 became a 302 to /en/api/... . The API's addresses carry no language
(`?locale=` chooses one), so their answers are left as they are."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

API_PREFIX = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(API_PREFIX):
            return response
        return super().process_response(request, response)
