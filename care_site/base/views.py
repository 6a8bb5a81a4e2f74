"""Wagtail's page-serving view, with routing done once per content version.

Wagtail starts every page request with `site.root_page.localized.specific`: one query for the
active Locale, one for the translation of the site's root, and one for its page type's row, then
two queries per level of the path. Here the landing page of the visitor's language is found in
one query (with what its template shows, `serve_select_related`) when it is the page served,
and among the landing pages kept for the chrome (`sites.landing_pages`) when routing only
starts from it; the path below it in one more query (`routing.route_in_one_query`). The page
found, with its parent, is kept in the content cache under the site, the language and the
path: until content changes, a page is routed without a query. The result is left where
Wagtail keeps it (`route_for_request`), so its own view and template tags reuse it.

The cache holds no decision about who may see the page: Wagtail's serve view checks the view
restrictions on every request after routing (`view_restrictions.get_view_restrictions`), and
an unpublished page has moved the content version on, so it is routed again and not found."""

from django.http import Http404

from wagtail import views as wagtail_views

from . import cache, sites
from .locale import active_locale_id


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        site = sites.find_for_request(request)
        if site is not None:
            request._wagtail_route_for_request = route(request, site, path)
    return wagtail_views.serve(request, path)


def route(request, site, path):
    """Wagtail's RouteResult for `path` (None for a 404): the page from the content cache when
    it was routed before in this version, routed again (`Page.route`) on it, as Wagtail would,
    for the part of the path its own routes answer (RoutablePageMixin)."""
    components = [component for component in path.split("/") if component]

    def find():
        # Raises Http404, which keeps a path that leads nowhere out of the cache.
        root = localized_site_root(site, serving=not components)
        found = root.route(request, components)
        return (
            found.page,
            own_remainder(found.page, components),
            getattr(request, "untranslated_language", None),
        )

    key = cache.key("route", site.pk, active_locale_id(), *components)
    try:
        page, remainder, untranslated_language = cache.cached(find, key)
    except Http404:
        return None
    if untranslated_language:
        request.untranslated_language = untranslated_language
    try:
        return page.route(request, remainder)
    except Http404:
        return None


def own_remainder(page, components):
    """The part of the path below `page` (answered by its own routes): what is left once its
    slugs below its landing page are taken off. A page shown for another language's address (an
    untranslated page) has other slugs, and answers the whole address itself."""
    own = page.url_path.strip("/").split("/")[1:]
    return components[len(own) :] if components[: len(own)] == own else []


def localized_site_root(site, serving=True):
    """The live translation of `site`'s root page in the active language, else the root
    itself (as Wagtail's `Page.localized`), as its specific page type. Only when it is the
    page `serving` is it read with what its template shows (`serve_select_related`); for a page
    below it, it is only where routing starts, taken from the landing pages the chrome also
    links to (`sites.landing_pages`): joining its images and links cost more than the rest of
    the query (about 6 ms against 2)."""
    root = site.root_page
    model = root.specific_class
    if model is None:
        return root.localized.specific
    wanted = active_locale_id()
    if not serving:
        landing = sites.landing_pages(site)
        return landing.get(wanted) or landing.get(root.locale_id) or root.specific
    related = getattr(model, "serve_select_related", ())
    candidates = model._default_manager.select_related(*related).filter(
        translation_key=root.translation_key, locale_id__in={root.locale_id, wanted}
    )
    by_locale = {page.locale_id: page for page in candidates}
    translation = by_locale.get(wanted)
    if translation is not None and translation.live:
        return translation
    return by_locale.get(root.locale_id) or root.specific
