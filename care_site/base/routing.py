"""Wagtail's routing, in fewer queries, and with a fallback for pages not yet translated.

- `serve` (in views.py) finds the landing page of the visitor's language in one query.
- `route_in_one_query`: the pages along the path in one query (Wagtail asks two per level).
- `route_untranslated`: a page not translated yet is shown in the default language at this
  language's address, instead of a 404.

Each saving is measured in docs/decisions.md; tests/seo and tests/budgets hold the behaviour."""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page


def route_in_one_query(root, request, components):
    """Wagtail's routing from `root` with the pages along the path fetched together. The walk
    stops, handing the rest of the path to the page's own `route()` as Wagtail would, at a
    page whose routes (RoutablePageMixin) answer the rest, or whose class routes its own way."""
    # Looked up by depth and slug (both indexed; `url_path` is not), then checked to be a chain.
    levels = Q(pk__in=[])
    for level, slug in enumerate(components, start=1):
        levels |= Q(depth=root.depth + level, slug=slug)
    below = Q(path__startswith=root.path) & levels
    above = Page.objects.ancestor_of_q(root, inclusive=True)
    found = list(Page.objects.filter(below | above))
    by_parent_and_slug = {(other.path[: -root.steplen], other.slug): other for other in found}
    parent, page, consumed = root, root, 0
    for level, slug in enumerate(components, start=1):
        klass = page.specific_class or Page
        if page is not root and klass.route is not Page.route:
            if klass.route is not RoutablePageMixin.route or not page.live:
                break
            try:
                klass.get_resolver().resolve("/" + "/".join(components[consumed:]) + "/")
                break
            except Resolver404:
                pass
        child = by_parent_and_slug.get((page.path, slug))
        if child is None:
            break
        parent, page, consumed = page, child, level
    if page is root:
        return Page.route(root, request, components)
    related = getattr(page.specific_class, "serve_select_related", ())
    if related:
        specific = page.specific_class._default_manager.select_related(*related).get(pk=page.pk)
    else:
        specific = page.specific
    specific._cached_parent_obj = parent
    # Every ancestor was read, from the top of the tree down: the breadcrumbs need no query.
    specific.routed_ancestors = sorted(
        (other for other in found if page.path.startswith(other.path) and other is not page),
        key=lambda other: other.depth,
    )
    return specific.route(request, components[consumed:])


def route_untranslated(home, request, components):
    """A page not translated into this landing page's language yet is shown in the default
    language at this language's address (/es/about/ shows the English About page), so a
    visitor following a link never meets a 404; base.html tells them, in their language, that
    the page is not translated. A translation still in draft counts as not translated: its own
    address shows the page it translates. Anything the default language does not have either is
    a 404."""
    default = Locale.get_default()
    if not components or home.locale_id == default.pk:
        raise Http404
    draft = Page.objects.filter(url_path=home.url_path + "/".join(components) + "/", live=False)
    original = Page.objects.live().filter(
        locale=default, translation_key__in=draft.values("translation_key")
    )
    original = original.first()
    if original is not None:
        request.untranslated_language = default.language_code
        return original.specific.route(request, [])
    homes = type(home).objects.live().filter(translation_key=home.translation_key)
    source = homes.filter(locale=default).first()
    if source is None:
        raise Http404
    found = source.route(request, components)
    # Read by base.html (the notice, the content's lang) and the language links.
    request.untranslated_language = default.language_code
    return found
