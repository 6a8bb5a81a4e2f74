"""The library's list as the query string asks for it: filtered, counted, ordered, a page at a
time, and the links that change it."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.functional import cached_property

from care_site.base import cache
from search.backends import ranked_pks

from ..models import CARD_RELATIONS, ResourcePage, resource_cards
from .facets import FACETS
from .form import RELEVANCE, SORTS, LibraryForm, distinct_values, sort_choices

ORDERS = {
    "newest": [F("publication_date").desc(nulls_last=True), "title", "pk"],
    "oldest": [F("publication_date").asc(nulls_last=True), "title", "pk"],
    "title": [Lower("title"), "pk"],
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    remove_querystring: str = ""

    @property
    def disabled(self):
        return not self.count and not self.selected


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class LibraryFilter:
    """`resources` as the query string `params` asks for them (see `LibraryForm`).

    With a `cache_scope` (naming what `resources` is, such as one library page), what reads the
    whole library (facet counts, number of results, each page's keys) is kept in the content
    cache until content changes: paging or changing the order asks for the same again."""

    def __init__(self, resources, locale_id, params, *, cache_scope=None):
        self.base = resources
        self.locale_id = locale_id
        self.params = params
        self.cache_scope = cache_scope
        form = LibraryForm(params)
        form.is_valid()  # always true: the fields drop what they cannot use
        data = form.cleaned_data
        self.query = data["q"]
        self.requested = {facet.name: data[facet.name] for facet in FACETS}
        self.sort_choices = sort_choices(self.query)
        self.explicit_sort = data["sort"]
        self.sort = self.explicit_sort or next(iter(self.sort_choices))

    @property
    def is_filtered(self):
        return bool(self.query) or any(self.requested.values())

    @property
    def noindex(self):
        """Combinations and keyword searches are near-duplicates of the whole list and of
        single-choice views: left out of search engines' index."""
        chosen = sum(len(values) for values in self.requested.values())
        return bool(self.query) or chosen > 1

    @cached_property
    def ignored_count(self):
        """How many filter values in the address matched nothing and were left out."""
        given = sum(len(distinct_values(self.params.getlist(name))) for name in self.requested)
        return max(given - sum(len(facet.selected) for facet in self.facets), 0)

    @cached_property
    def cache_key(self):
        """None when not kept. The page number and the order change nothing kept."""
        if self.cache_scope is None:
            return None
        chosen = (f"{name}={','.join(sorted(map(str, v)))}" for name, v in self.requested.items())
        return cache.key("library", self.cache_scope, self.locale_id, self.query, *chosen)

    def _cached(self, name, compute):
        key = self.cache_key
        return cache.cached(compute, key and f"{key}:{name}")

    @cached_property
    def conditions(self):
        """{facet name, or "q" for the keywords: its condition on the list}."""
        conditions = {
            facet.name: facet.condition(self, self.requested[facet.name])
            for facet in FACETS
            if self.requested[facet.name]
        }
        if self.query:
            conditions["q"] = Q(pk__in=self._matches)
        return conditions

    def filtered(self, *, without=None):
        """The library with every condition applied, except that of the facet `without`."""
        return self.base.filter(*(q for name, q in self.conditions.items() if name != without))

    def _search(self, order_by_relevance):
        return ResourcePage.objects.filter(locale=self.locale_id).search(
            self.query, order_by_relevance=order_by_relevance
        )

    @cached_property
    def _matches(self):
        """A subquery with Wagtail's database search backends (counts need no extra round
        trip), else a list of primary keys."""
        results = self._search(order_by_relevance=False)
        if hasattr(results, "get_queryset"):
            return results.get_queryset().values("pk")
        return [page.pk for page in results]

    @cached_property
    def _ranked_ids(self):
        allowed = set(self.filtered().values_list("pk", flat=True))
        return [pk for pk in ranked_pks(self._search(order_by_relevance=True)) if pk in allowed]

    def results(self):
        """The list in the chosen order, for the paginator."""
        return LibraryResults(self)

    @cached_property
    def count(self):
        if self.sort == RELEVANCE:
            return self._cached("count", lambda: len(self._ranked_ids))
        return self._cached("count", self.filtered().count)

    def ids(self, start, stop):
        """The primary keys of the resources from `start` to `stop` in the chosen order."""

        def compute():
            if self.sort == RELEVANCE:
                return self._ranked_ids[start:stop]
            ordered = self.filtered().order_by(*ORDERS[self.sort])
            return list(ordered.values_list("pk", flat=True)[start:stop])

        return self._cached(f"ids:{self.sort}:{start}:{stop}", compute)

    def newest(self, limit):
        resources = self.filtered().select_related(*CARD_RELATIONS).prefetch_related("topics")
        return list(resources.order_by(*ORDERS["newest"])[:limit])

    @cached_property
    def facets(self):
        rows = self._cached("facets", lambda: {f.name: f.counts(self) for f in FACETS})
        return [
            Facet(f.name, f.label, [self._option(f.name, *row) for row in rows[f.name]])
            for f in FACETS
        ]

    def _option(self, name, value, label, count):
        if value not in map(str, self.requested[name]):
            return Option(value, label, count, selected=False)
        return Option(value, label, count, True, self.querystring(remove=(name, value)))

    def querystring(self, *, remove=None, keep=None):
        """The current query string without the page number; without one facet value when
        `remove` is (name, value); only the parameters in `keep` when given."""
        params = self.params.copy()
        params.pop("page", None)
        for name in set(params) - (set(params) if keep is None else set(keep)):
            params.pop(name)
        if remove:
            name, value = remove
            params.setlist(name, [v for v in params.getlist(name) if v.strip() != value])
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""

    @property
    def search_remove_querystring(self):
        """Without the keywords, nor the order by relevance only they offer."""
        keep = set(self.params) - {"q"}
        if self.params.get("sort") == RELEVANCE:
            keep.discard("sort")
        return self.querystring(keep=keep)

    @property
    def clear_querystring(self):
        """Every filter and the keywords removed; a chosen order is kept."""
        if self.sort in SORTS and self.sort != "newest" and "sort" in self.params:
            return self.querystring(keep={"sort"})
        return ""

    @property
    def feed_querystring(self):
        return self.querystring(keep={*self.requested, "q"})


class LibraryResults(Sequence):
    """The list, read a slice at a time: the slice's keys (kept in the cache), then its cards."""

    def __init__(self, library):
        self.library = library

    def __len__(self):
        return self.library.count

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, _step = key.indices(len(self))
            return resource_cards(self.library.ids(start, stop))
        return self[key : key + 1][0]

    def __iter__(self):
        return iter(self[:])
