"""Who may see a page: Wagtail's view restrictions, with a restriction covering the page's
translations, read once per content version instead of once per question. `install()` puts
`private_q` and `get_view_restrictions` in place of Wagtail's.

Wagtail restricts a page and the pages below it. Here a restriction also covers every
translation of that page (and so the pages below them): an English meeting made private is
not left listed in Spanish. The restricted sections' paths are read in one query and kept in the
content cache (a restriction added or removed moves the version on in its own transaction), so
serving a page, a listing's `public()` and every card, link and facet that names another page
ask the same question the same way, without a query of their own. See docs/decisions.md and
docs/where-pages-appear.md."""

from django.db.models import Q

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from . import cache


def restricted_paths():
    """The paths heading restricted sections: each page holding a view restriction, its
    translations, and its aliases (which Wagtail serves under their source's restrictions)."""

    def heads():
        # The holders first, then their translations and aliases by key: matched in one query
        # against subqueries, PostgreSQL read every page (3.4 ms at 10,000 resources, in the
        # first request of every page after a change), and most sites restrict nothing.
        held = list(PageViewRestriction.objects.values_list("page", "page__translation_key"))
        if not held:
            return ()
        holders, keys = zip(*held, strict=True)
        pages = Page.objects.filter(Q(translation_key__in=keys) | Q(alias_of__in=holders))
        return tuple(sorted(pages.values_list("path", flat=True)))

    return cache.cached(heads, cache.key("restricted-paths"))


def private_q(queryset=None, relation=""):
    """Pages in a restricted section, as a filter: Wagtail's `PageQuerySet.private_q`, behind
    every `public()`. With `relation` (such as "publisher_page__"), the page a foreign key points
    at, as a filter on the pointing rows."""
    q = Q()
    for path in restricted_paths():
        q |= Q(**{f"{relation}path__startswith": path})
    return q or Q(pk__in=[])


def visible_q(relation=""):
    """Pages anyone may see: live and in no restricted section (`relation` as in `private_q`)."""
    return Q(**{f"{relation}live": True}) & ~private_q(relation=relation)


# The columns of a page `is_visible` reads.
VISIBILITY_FIELDS = ("live", "path")


def is_visible(page):
    """Whether anyone may see `page` (None is not): it is live and in no restricted section.
    Whatever names or links to another page (a card's publisher, a chosen link) asks this."""
    return page is not None and page.live and not page.path.startswith(restricted_paths())


def get_view_restrictions(page):
    """Wagtail's `Page.get_view_restrictions`, which serving checks: this page's and its
    ancestors' restrictions (an alias using its source's), and those of their translations;
    none at all, without a query, for a page in no restricted section."""
    if not page.path.startswith(restricted_paths()):
        return no_restrictions()
    step = page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    keys = Page.objects.filter(path__in=paths).values("translation_key")
    covering = Q(page__translation_key__in=keys) | Q(page__aliases__path__in=paths)
    return PageViewRestriction.objects.filter(covering).distinct()


def no_restrictions():
    """An empty queryset of restrictions that is already evaluated: serving iterates it, and
    Django builds the whole query of an unevaluated `.none()` before finding it empty. Chained
    methods (`exists()`, `order_by()`) still work, on a new empty queryset."""
    restrictions = PageViewRestriction.objects.none()
    restrictions._result_cache = []
    return restrictions


# Wagtail's own, kept for the tests that compare the two.
replaced = {}


def install():
    """Put both in place of Wagtail's, for every page queryset and page (Wagtail's own
    sitemaps, API and `get_children()` included), when the app is ready."""
    if not replaced:
        replaced.update(
            private_q=PageQuerySet.private_q, get_view_restrictions=Page.get_view_restrictions
        )
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
