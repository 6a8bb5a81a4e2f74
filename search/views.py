"""Site search at /<language>/search/ over every live, public page of the visitor's language."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from wagtail.models import Locale

from care_site.base import sites

from .query import parse
from .results import SiteSearch
from .stats import record_search
from .suggest import suggest


def search(request):
    sites.find_for_request(request)  # once, from the cache, for every link the page writes
    query = parse(request.GET.get("q", ""))
    context = {"search_query": query.text, "query": query}
    if query:
        locale = Locale.get_active()
        site_search = SiteSearch(query, locale, request, type_key=request.GET.get("type", ""))
        context.update(search=site_search, search_results=site_search.page(request.GET.get("page")))
        if not site_search.total:
            # A corrected query, offered only if it finds something.
            corrected = suggest(query.terms, locale)
            found = corrected and SiteSearch(parse(corrected), locale, request).total
            context.update(suggestion=corrected if found else None)
        # A search typed in, not a later page or a type filter of the same search.
        if request.GET.get("page", "1") in ("", "1") and not request.GET.get("type"):
            record_search(query.text, locale.language_code, bool(site_search.total))

    response = TemplateResponse(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    if query.text:
        # Each search is counted for the editors' reports, so it must reach this view: no shared
        # cache (the site's page cache included) may answer it.
        patch_cache_control(response, private=True)
    return response
