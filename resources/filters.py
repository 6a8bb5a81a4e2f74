"""Faceted filtering of the resource library, driven entirely by the query string.

Facets (topic, type, partner, year) combine with OR inside a facet and AND across facets. Each
option's count is what the list would hold with that option added to the other facets' current
choices, computed in one aggregate query per facet whatever the number of options or resources.
Values are slugs in the library's language; values that match nothing are left out rather than
emptying the list, so an old bookmark still opens a useful page."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, Exists, F, Q, Window
from django.db.models.functions import ExtractYear, Lower, RowNumber
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home import content_cache
from partners.models import PartnerPage
from search.backends import ranked_pks

from .models import CARD_RELATIONS, ResourcePage, ResourceType, Topic, resource_cards

MAX_QUERY_LENGTH = 200
PUNCTUATION = re.compile(r"[^\w\s'-]")
SLUG = re.compile(r"[-\w]+")
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
YEARS = range(1800, 2200)

SORTS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "title": _("Title A–Z"),
}
RELEVANCE = "relevance"
ORDERS = {
    "newest": [F("publication_date").desc(nulls_last=True), "title", "pk"],
    "oldest": [F("publication_date").asc(nulls_last=True), "title", "pk"],
    "title": [Lower("title"), "pk"],
}
FACET_LABELS = {
    "topic": _("Topic"),
    "type": _("Type"),
    "partner": _("Publisher"),
    "year": _("Year"),
}


def counted_options(options, label_field, order, counts):
    """(slug, label, count) for each term of `options` in `order`, its count read from
    `counts` (rows of `facet_key`, the term's translation key, and `facet_count`), in one
    query. The counts are grouped once and joined, rather than counted term by term: a
    correlated count per term reads the whole library once per term."""
    terms = (
        options.annotate(
            option_slug=F("slug"),
            option_label=F(label_field),
            option_key=F("translation_key"),
            option_position=Window(RowNumber(), order_by=[F(field).asc() for field in order]),
        )
        .order_by()
        .values("option_slug", "option_label", "option_key", "option_position")
    )
    terms_sql, terms_params = terms.query.sql_with_params()
    counts_sql, counts_params = counts.query.sql_with_params()
    connection = connections[options.db]
    name = connection.ops.quote_name
    # Both parts are Django's own SQL with their parameters kept apart; the names are quoted.
    columns = f"terms.{name('option_slug')}, terms.{name('option_label')}"
    count = f"COALESCE(counts.{name('facet_count')}, 0)"
    joined = f"counts.{name('facet_key')} = terms.{name('option_key')}"
    sql = f"SELECT {columns}, {count} FROM ({terms_sql}) terms LEFT JOIN ({counts_sql}) counts ON {joined} ORDER BY terms.{name('option_position')}"  # noqa: E501, S608
    with connection.cursor() as cursor:
        cursor.execute(sql, (*terms_params, *counts_params))
        return cursor.fetchall()


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
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def clean_query(text):
    """Keywords as words only: punctuation carries no meaning here, and a stray double quote
    breaks SQLite's full-text query syntax (modelsearch quotes terms without escaping it)."""
    words = PUNCTUATION.sub(" ", text[: MAX_QUERY_LENGTH * 4]).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def distinct_values(values):
    """Distinct, stripped, non-empty values, as given."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def clean_values(values):
    """The values that can be slugs, at most MAX_VALUES_PER_FACET of them. Anything else
    (including the NUL character, which PostgreSQL refuses in a query) matches nothing anyway."""
    slugs = [value for value in distinct_values(values) if SLUG.fullmatch(value)]
    return [slug for slug in slugs if len(slug) <= MAX_VALUE_LENGTH][:MAX_VALUES_PER_FACET]


def clean_years(values):
    years = []
    for value in clean_values(values):
        if value.isascii() and value.isdigit() and int(value) in YEARS:
            years.append(int(value))
    return years


class LibraryFilter:
    """The library's list as the query string asks for it: `topic`, `type`, `partner` and
    `year` (each repeatable), `q` (keywords), `sort` and `page`.

    With a `cache_scope` (naming what `resources` is, such as one library page), the facet
    counts, the number of results and the keys of each page of results are kept in the content
    cache until content changes: they read the whole library, and a visitor paging through
    results or changing the order asks for the same counts again."""

    facet_names = ("topic", "type", "partner", "year")

    def __init__(self, resources, locale_id, params, *, cache_scope=None):
        self.base = resources
        self.locale_id = locale_id
        self.params = params
        self.cache_scope = cache_scope
        self.query = clean_query(params.get("q", ""))
        self.requested = {
            "topic": clean_values(params.getlist("topic")),
            "type": clean_values(params.getlist("type")),
            "partner": clean_values(params.getlist("partner")),
            "year": clean_years(params.getlist("year")),
        }
        self.sort_choices = dict(SORTS)
        if self.query:
            self.sort_choices = {RELEVANCE: _("Best match"), **SORTS}
        sort = params.get("sort", "")
        self.explicit_sort = sort if sort in self.sort_choices else ""
        self.sort = self.explicit_sort or next(iter(self.sort_choices))

    # What was asked for ---------------------------------------------------------------------

    @property
    def is_filtered(self):
        return bool(self.query) or any(self.requested.values())

    @property
    def noindex(self):
        """Search engines index the whole list and single-choice views (one topic, one type...);
        combinations and keyword searches are near-duplicates, left out of their index."""
        chosen = sum(len(values) for values in self.requested.values())
        return bool(self.query) or chosen > 1

    @cached_property
    def ignored_count(self):
        """How many filter values in the address matched nothing and were left out."""
        given = sum(len(distinct_values(self.params.getlist(name))) for name in self.facet_names)
        return max(given - sum(len(facet.selected) for facet in self.facets), 0)

    @cached_property
    def cache_key(self):
        """Where what this view of the library computes is kept until content changes (None:
        not kept). The page number and the order are left out: they change neither."""
        if self.cache_scope is None:
            return None
        chosen = (
            f"{facet}={','.join(sorted(map(str, values)))}"
            for facet, values in self.requested.items()
        )
        return content_cache.key("library", self.cache_scope, self.locale_id, self.query, *chosen)

    def _cached(self, name, compute):
        key = self.cache_key
        return content_cache.cached(compute, key and f"{key}:{name}")

    # Conditions --------------------------------------------------------------------------

    @cached_property
    def conditions(self):
        """One condition per active facet (and the keywords). A facet whose values all match
        nothing is satisfied by every resource, so it does not empty the list."""
        conditions = {}
        locale = self.locale_id
        if slugs := self.requested["topic"]:
            known = Topic.objects.filter(locale_id=locale, slug__in=slugs)
            through = ResourcePage._meta.get_field("topics").remote_field.through
            tagged = through.objects.filter(
                topic__translation_key__in=known.values("translation_key")
            ).values("resourcepage_id")
            conditions["topic"] = Q(pk__in=tagged) | ~Exists(known)
        if slugs := self.requested["type"]:
            known = ResourceType.objects.filter(locale_id=locale, slug__in=slugs)
            conditions["type"] = Q(
                resource_type__translation_key__in=known.values("translation_key")
            ) | ~Exists(known)
        if slugs := self.requested["partner"]:
            # A translated resource may still point at the partner in the source language,
            # hence the translation key rather than the page.
            known = PartnerPage.objects.live().filter(locale_id=locale, slug__in=slugs)
            conditions["partner"] = Q(
                publisher_page__translation_key__in=known.values("translation_key")
            ) | ~Exists(known)
        if years := self.requested["year"]:
            known = self.base.filter(publication_date__year__in=years)
            conditions["year"] = Q(publication_date__year__in=years) | ~Exists(known)
        if self.query:
            conditions["q"] = Q(pk__in=self._matches)
        return conditions

    def _search(self, order_by_relevance):
        return ResourcePage.objects.filter(locale=self.locale_id).search(
            self.query, order_by_relevance=order_by_relevance
        )

    @cached_property
    def _matches(self):
        """The resources matching the keywords: a subquery with Wagtail's database search
        backends (so counts need no extra round trip), else a list of primary keys."""
        results = self._search(order_by_relevance=False)
        if hasattr(results, "get_queryset"):
            return results.get_queryset().values("pk")
        return [page.pk for page in results]

    def filtered(self, *, without=None):
        """The library with every active condition applied, except the facet `without`."""
        conditions = [condition for name, condition in self.conditions.items() if name != without]
        return self.base.filter(*conditions)

    # Results -----------------------------------------------------------------------------

    def results(self):
        """The filtered resources in the chosen order, for the paginator: a sequence that looks
        up only the primary keys of the slice shown (kept in the cache), then their cards."""
        return LibraryResults(self)

    @cached_property
    def count(self):
        """How many resources the list holds."""
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

    @cached_property
    def _ranked_ids(self):
        """The filtered resources' primary keys in order of relevance."""
        allowed = set(self.filtered().values_list("pk", flat=True))
        ranked = ranked_pks(self._search(order_by_relevance=True))
        return [pk for pk in ranked if pk in allowed]

    def newest(self, limit):
        return list(
            self.filtered()
            .select_related(*CARD_RELATIONS)
            .prefetch_related("topics")
            .order_by(*ORDERS["newest"])[:limit]
        )

    # Facets ------------------------------------------------------------------------------

    @cached_property
    def facets(self):
        """Topic, type, publisher and year, each option with its count."""
        rows = self._cached("facets", self._facet_rows)
        facets = []
        for name, label in FACET_LABELS.items():
            wanted = set(map(str, self.requested[name]))
            options = [
                self._option(name, value, text, count, value in wanted)
                for value, text, count in rows[name]
            ]
            facets.append(Facet(name, label, options))
        return facets

    def _facet_rows(self):
        """{facet name: [(value, label, count), ...]}, options in the order shown."""
        return {
            "topic": self._term_rows("topic", Topic.objects, "topics__translation_key"),
            "type": self._term_rows("type", ResourceType.objects, "resource_type__translation_key"),
            "partner": self._term_rows(
                "partner",
                PartnerPage.objects.live(),
                "publisher_page__translation_key",
                label_field="title",
                order=("title",),
            ),
            "year": self._year_rows(),
        }

    def _term_rows(self, name, terms, path, label_field="name", order=("sort_order", "name")):
        options = terms.filter(locale_id=self.locale_id)
        counts = (
            self.filtered(without=name)
            .order_by()
            .values(facet_key=F(path))
            .annotate(facet_count=Count("pk", distinct=True))
        )
        return [tuple(row) for row in counted_options(options, label_field, order, counts)]

    def _year_rows(self):
        count = Count("pk")
        if self.conditions.keys() - {"year"}:
            count = Count("pk", filter=Q(pk__in=self.filtered(without="year").values("pk")))
        rows = (
            self.base.filter(publication_date__isnull=False)
            .annotate(year=ExtractYear("publication_date"))
            .values("year")
            .annotate(count=count)
            .order_by("-year")
            .values_list("year", "count")
        )
        return [(str(year), str(year), n) for year, n in rows]

    def _option(self, name, value, label, count, selected):
        option = Option(value, label, count, selected)
        if selected:
            option.remove_querystring = self.querystring(remove=(name, value))
        return option

    # Links -------------------------------------------------------------------------------

    def querystring(self, *, remove=None, keep=None):
        """The current query string without the page number; without one facet value when
        `remove` is (name, value); only the parameters in `keep` when given."""
        params = self.params.copy()
        params.pop("page", None)
        if keep is not None:
            for name in list(params):
                if name not in keep:
                    params.pop(name)
        if remove:
            name, value = remove
            params.setlist(name, [v for v in params.getlist(name) if v.strip() != value])
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""

    @property
    def search_remove_querystring(self):
        params = self.params.copy()
        params.pop("q", None)
        if params.get("sort") == RELEVANCE:
            params.pop("sort")
        params.pop("page", None)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""

    @property
    def clear_querystring(self):
        """Every filter and the keywords removed; a chosen order is kept."""
        if self.sort in SORTS and self.sort != "newest" and "sort" in self.params:
            return self.querystring(keep={"sort"})
        return ""

    @property
    def feed_querystring(self):
        """The filters and keywords, for the feed of this view."""
        return self.querystring(keep={*self.facet_names, "q"})


class LibraryResults(Sequence):
    """A library's filtered list in its chosen order, fetched a slice at a time."""

    def __init__(self, library):
        self.library = library

    def count(self):
        return self.library.count

    def __len__(self):
        return self.library.count

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, _step = key.indices(len(self))
            return resource_cards(self.library.ids(start, stop))
        return self[key : key + 1][0]

    def __iter__(self):
        return iter(self[:])
