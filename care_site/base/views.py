"""Wagtail's page-serving view with the first step of routing in one query.

Wagtail starts every page request with `site.root_page.localized.specific`: one query for the
active Locale, one for the translation of the site's root, and one for its page type's row.
`serve` finds the landing page of the visitor's language in one query (with what its template
shows, `serve_select_related`), then routes below it as Wagtail would, and leaves the result
where Wagtail keeps it (`route_for_request`), so its own view and template tags reuse it."""

from django.http import Http404

from wagtail import views as wagtail_views
from wagtail.models import Site

from .locale import active_locale_id


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        if site is not None:
            components = [component for component in path.split("/") if component]
            try:
                route = localized_site_root(site.root_page).route(request, components)
            except Http404:
                route = None
            request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def localized_site_root(root):
    """The site root's live translation in the active language, else the root itself (as
    Wagtail's `Page.localized`), as its specific page type."""
    model = root.specific_class
    if model is None:
        return root.localized.specific
    wanted = active_locale_id()
    related = getattr(model, "serve_select_related", ())
    candidates = model._default_manager.select_related(*related).filter(
        translation_key=root.translation_key, locale_id__in={root.locale_id, wanted}
    )
    by_locale = {page.locale_id: page for page in candidates}
    translation = by_locale.get(wanted)
    if translation is not None and translation.live:
        return translation
    return by_locale.get(root.locale_id) or root.specific
