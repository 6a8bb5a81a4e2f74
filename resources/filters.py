"""Faceted filtering of the resource library, driven entirely by the query string.

`LibraryForm` reads the query string. Its fields clean rather than refuse: what cannot be a
value is dropped, so no address a visitor sends is an error.

Each facet knows its query parameter and label, the condition its chosen values put on the
list, and how to count its options. Values combine with OR inside a facet and AND across
facets. An option's count is what the list would hold with that option added to the other
facets' choices: every facet is counted from one narrow read of the library (`LibraryIndex`),
whatever the number of facets, options or resources. A facet whose values all match nothing
is satisfied by every resource, so an old bookmark still opens a useful list.

`LibraryFilter` lists, counts, orders a page at a time, and gives the links that change it."""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django import forms
from django.db.models import CharField, Exists, F, Q
from django.db.models.functions import Cast, Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from care_site.base import cache
from care_site.base.locale import in_language
from care_site.base.view_restrictions import visible_q
from search.backends import ranked_pks

from .models import CARD_RELATIONS, ResourcePage, resource_cards

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
YEARS = range(1800, 2200)
PUNCTUATION = re.compile(r"[^\w\s'-]")
SLUG = re.compile(r"[-\w]+")

RELEVANCE = "relevance"
SORTS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "title": _("Title A–Z"),
}


def clean_query(text):
    """Keywords as words only: punctuation carries no meaning here, and a stray double quote
    breaks SQLite's full-text query syntax (modelsearch quotes terms without escaping it)."""
    words = PUNCTUATION.sub(" ", text[: MAX_QUERY_LENGTH * 4]).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def distinct_values(values):
    """Distinct, stripped, non-empty values, as given."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def sort_choices(query):
    """The orders offered: best match first when there are keywords to match."""
    return {RELEVANCE: _("Best match"), **SORTS} if query else dict(SORTS)


class SlugsField(forms.Field):
    """A repeatable parameter: the values that can be slugs, at most MAX_VALUES_PER_FACET. Others
    (the NUL character among them, which PostgreSQL refuses in a query) would match nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        slugs = [slug for slug in distinct_values(value or []) if SLUG.fullmatch(slug)]
        return [slug for slug in slugs if len(slug) <= MAX_VALUE_LENGTH][:MAX_VALUES_PER_FACET]


class YearsField(SlugsField):
    def to_python(self, value):
        years = (slug for slug in super().to_python(value) if slug.isascii() and slug.isdigit())
        return [int(year) for year in years if int(year) in YEARS]


class LibraryForm(forms.Form):
    """`q` (keywords), `sort`, the facets `topic`, `type`, `partner` and `year`, each
    repeatable, and `more`, the long facets to show in full. Always valid."""

    # Plain fields: a CharField would refuse the NUL character rather than drop it.
    q = forms.Field(required=False)
    sort = forms.Field(required=False)
    topic = SlugsField(required=False)
    type = SlugsField(required=False)
    partner = SlugsField(required=False)
    year = YearsField(required=False)
    more = SlugsField(required=False)  # facets shown with all their options

    def clean_q(self):
        return clean_query(self.cleaned_data["q"] or "")

    def clean(self):
        data = super().clean()
        if data["sort"] not in sort_choices(data["q"]):
            data["sort"] = ""
        return data


# Facets -----------------------------------------------------------------------------------


class Term(NamedTuple):
    """A term as the library offers it, ordered as its facet lists it."""

    position: object
    label: str
    slug: str


@dataclass(frozen=True)
class TermFacet:
    """Resources by a term they point at through `path` (a topic, a type, a publisher page),
    offered as the terms in the library's language. Terms are matched by translation key: a
    translated resource may still point at the term in the source language."""

    name: str
    label: str
    path: str
    label_field: str = "name"
    order_field: str = "sort_order"
    only: Callable[[], Q] = Q  # which terms may be offered, besides their language

    @property
    def field(self):
        return ResourcePage._meta.get_field(self.path)

    def offered(self, locale_id):
        return in_language(self.field.related_model.objects.filter(self.only()), locale_id)

    def condition(self, library, slugs):
        known = self.offered(library.locale_id).filter(slug__in=slugs)
        chosen = Q(**{f"{self.path}__translation_key__in": known.values("translation_key")})
        if self.field.many_to_many:
            # A subquery: a join would list a resource once per matching term.
            chosen = Q(pk__in=ResourcePage.objects.filter(chosen).values("pk"))
        return chosen | ~Exists(known)

    @property
    def column(self):
        """What the library's read takes for this facet: the term's id. When a resource points
        at many terms, the read joins its links, and the resource comes once per term."""
        return self.path if self.field.many_to_many else self.field.attname

    def terms(self, library):
        """{id of a term in any language: the `Term` offered in the library's language}: a
        translated resource may still point at the term in the source language. Terms with no
        offered version are left out."""
        fields = ("translation_key", self.order_field, self.label_field, "slug")
        offered = {
            key: Term(*term) for key, *term in self.offered(library.locale_id).values_list(*fields)
        }
        languages = self.offered(library.locale_id).values("translation_key")
        versions = self.field.related_model.objects.filter(translation_key__in=languages)
        return {pk: offered[key] for pk, key in versions.values_list("pk", "translation_key")}

    def key(self, terms):
        """What a resource's term id counts as: the term offered, or None."""
        return terms.get

    def chosen(self, slugs, terms, present):
        """The keys chosen: the offered terms among `slugs`."""
        return {term for term in terms.values() if term.slug in slugs}

    def options(self, terms, present):
        """(key, value, label) for each term offered, in order."""
        return [(term, term.slug, term.label) for term in sorted(set(terms.values()))]


def year_of(iso_date):
    """The year of a date read as ISO text ("2021-05-03"), or None."""
    return None if iso_date is None else int(iso_date[:4])


class YearFacet:
    """Resources by the year they were published; the library's years, newest first."""

    name = "year"
    label = _("Year")
    # Dates read as text: on SQLite, Django's turning each into a date cost almost as much as
    # the rest of the read (PostgreSQL takes the same either way), and extracting the year in
    # SQL more still (Django's year on SQLite calls back into Python for every row).
    column = Cast("publication_date", CharField())

    def condition(self, library, years):
        known = library.base.filter(publication_date__year__in=years)
        return Q(publication_date__year__in=years) | ~Exists(known)

    def terms(self, library):
        return None  # a year is its own key

    def key(self, terms):
        """A date's year (see `column`)."""
        return year_of

    def chosen(self, years, terms, present):
        return set(years) & present

    def options(self, terms, present):
        """(key, value, label) for each year a resource was published in, newest first."""
        return [(year, str(year), str(year)) for year in sorted(present, reverse=True)]


# At most one facet whose terms a resource has many of (topics): the library's read joins that
# facet's links, and a second such facet would multiply the rows read by its own.
FACETS = (
    TermFacet("topic", _("Topic"), "topics"),
    TermFacet("type", _("Type"), "resource_type"),
    TermFacet("partner", _("Publisher"), "publisher_page", "title", "title", only=visible_q),
    YearFacet(),
)


# Counting ---------------------------------------------------------------------------------


def bits_of(positions):
    """The set of `positions` (ints from 0) as a bit set: an int with those bits on."""
    positions = list(positions)
    if not positions:
        return 0
    packed = bytearray(max(positions) // 8 + 1)
    for position in positions:
        packed[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(packed, "little")


def positions_of(bits):
    """The positions of the bits on in `bits`, lowest first."""
    digits = format(bits, "b")[::-1]
    return [position for position, digit in enumerate(digits) if digit == "1"]


def first_positions(bits, count):
    """The `count` lowest positions of the bits on in `bits`, lowest first."""
    found = []
    while bits and len(found) < count:
        lowest = bits & -bits
        found.append(lowest.bit_length() - 1)
        bits ^= lowest
    return found


def intersection(first, others):
    for other in others:
        first &= other
    return first


@dataclass
class LibraryIndex:
    """Which resources have each key of each facet, in FACETS order, from one narrow read of
    the library joined with its links to topics. Counting is then arithmetic on sets, where an
    aggregate query per facet would read the library again each time (and, with keywords,
    search it again).

    Each set is a bit set (a Python int): bit i is the i-th resource read (`order`).
    Intersecting and counting them is a machine operation over the whole library, and they are
    at most a kilobyte or two each at 10,000 resources, in the cache and in `KeptLibraryIndex`.
    Read newest first (the library's default order: `newest_first`), the results of a view
    come in that order without asking the database to sort the library again. Only the
    scheduler's job reads it so: sorting every resource costs a visitor's first view more than
    the one page of keys it needs (on PostgreSQL, 90 → 130 ms)."""

    order: list  # the resources' pks, in the order they were read
    by_key: list  # for each facet, {key: bit set of the resources with it}
    newest_first: bool = False

    @classmethod
    def read(cls, resources, keys, *, newest_first=False):
        """`resources` (newest first if `newest_first`); `keys[i]` turns what is read for facet i
        into its key, or None to leave it out. One read, joined with the resources' links to
        topics: a resource comes once per topic it has (the first time numbers it), a third of
        the time that reading the links apart takes."""
        resources = resources.order_by(*ORDERS[NEWEST]) if newest_first else resources.order_by()
        rows = resources.values_list("pk", *(facet.column for facet in FACETS))
        pks, *columns = zip(*rows, strict=True) if rows else ((),) * (len(FACETS) + 1)
        position = {}
        at = [position.setdefault(pk, len(position)) for pk in pks]
        by_key = []
        for key_of, column in zip(keys, columns, strict=True):
            found = defaultdict(list)
            for bit, key in zip(at, map(key_of, column), strict=True):
                if key is not None:
                    found[key].append(bit)
            by_key.append({key: bits_of(bits) for key, bits in found.items()})
        return cls(list(position), by_key, newest_first)

    @property
    def everything(self):
        return (1 << len(self.order)) - 1

    @cached_property
    def position(self):
        """{pk: its bit}."""
        return {pk: at for at, pk in enumerate(self.order)}

    def bits(self, pks):
        """The resources of the library among `pks`, as a bit set."""
        position = self.position
        return bits_of(position[pk] for pk in pks if pk in position)

    def pks(self, bits):
        """The pks of the resources in the bit set `bits`, in the order they were read."""
        return [self.order[at] for at in positions_of(bits)]

    def sharing_most(self, facet, keys, count, leaving_out=()):
        """The pks of up to `count` resources with the most of `keys` (of facet index `facet`)
        and at least one, in the order read among those with as many; none of `leaving_out`."""
        sets = [self.by_key[facet].get(key, 0) for key in keys]
        # at_least[n]: the resources with at least n of the keys (none with more than all).
        at_least = [self.everything] + [0] * (len(sets) + 1)
        for bits in sets:
            for n in range(len(sets), 0, -1):
                at_least[n] |= at_least[n - 1] & bits
        found = []
        for n in range(len(sets), 0, -1):
            exactly = at_least[n] & ~at_least[n + 1]
            wanted = count - len(found) + len(leaving_out)
            found += [
                pk
                for pk in (self.order[at] for at in first_positions(exactly, wanted))
                if pk not in leaving_out
            ]
            if len(found) >= count:
                break
        return found[:count]

    def count(self, chosen, matches):
        """The resources meeting every choice and the keywords (a bit set), and for each facet
        {key: how many resources with it meet every other facet's choices and the keywords}.
        `chosen` is {facet index: the keys chosen}; `matches` the pks of the resources matching
        the keywords, or None without keywords."""
        within = self.everything if matches is None else self.bits(matches)
        meeting = {}
        for i, keys in chosen.items():
            meeting[i] = 0
            for key in keys:
                meeting[i] |= self.by_key[i].get(key, 0)
        counts = []
        for i, by_key in enumerate(self.by_key):
            others = [bits for j, bits in meeting.items() if j != i]
            if not others and matches is None:
                counts.append({key: bits.bit_count() for key, bits in by_key.items()})
                continue
            pool = intersection(within, others)
            counts.append({key: (bits & pool).bit_count() for key, bits in by_key.items()})
        return intersection(within, meeting.values()), counts


def library_data(terms, index):
    """Each facet's terms and a `LibraryIndex` as JSON data (`KeptLibraryIndex`): a term as a
    list, which is how it is told from a year when read back; a bit set as hexadecimal
    digits."""
    return {
        "terms": [
            None if offered is None else [[pk, list(term)] for pk, term in offered.items()]
            for offered in terms
        ],
        "order": index.order,
        "newest_first": index.newest_first,
        "by_key": [
            [[key, format(bits, "x")] for key, bits in by_key.items()] for by_key in index.by_key
        ],
    }


def library_from_data(data):
    """(terms, `LibraryIndex`) from what `library_data` wrote, or None from what it no longer
    writes."""
    if "order" not in data:
        return None

    def key(value):
        return Term(*value) if isinstance(value, list) else value

    terms = [
        None if offered is None else {pk: Term(*term) for pk, term in offered}
        for offered in data["terms"]
    ]
    by_key = [{key(value): int(bits, 16) for value, bits in facet} for facet in data["by_key"]]
    return terms, LibraryIndex(data["order"], by_key, data["newest_first"])


TOPICS = next(i for i, facet in enumerate(FACETS) if facet.name == "topic")


def sharing_most_topics(kept, topic_ids, count, leaving_out):
    """From a library's kept (terms, `LibraryIndex`): the pks of up to `count` of its resources
    sharing the most of the topics `topic_ids`, newest first among those sharing as many (the
    order the scheduler's job reads the library in); none of `leaving_out`. None from an index
    read in another order."""
    terms, index = kept
    if not index.newest_first:
        return None
    keys = {terms[TOPICS][pk] for pk in topic_ids if pk in terms[TOPICS]}
    return index.sharing_most(TOPICS, keys, count, set(leaving_out))


# The list ---------------------------------------------------------------------------------

NEWEST = "newest"
ORDERS = {
    NEWEST: [F("publication_date").desc(nulls_last=True), "title", "pk"],
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


# A long facet (publishers, in a library of many partners) shows its most used options and the
# chosen ones; a link asks for the page again with all of them, which needs no JavaScript.
FACET_SHOWN = 8


@dataclass
class Facet:
    name: str
    label: str
    options: list
    total: int = 0  # how many options there are, when not all are shown
    more_querystring: str = ""  # the address showing them all, when not all are shown

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class LibraryFilter:
    """`resources` as the query string `params` asks for them (see `LibraryForm`), in the chosen
    order (a sequence Django's Paginator reads a page at a time).

    With a `cache_scope` (naming what `resources` is, such as one library page), what reads the
    whole library (facet counts, number of results, each page's keys) is kept in the content
    cache until content changes: paging or changing the order asks for the same again."""

    def __init__(self, resources, locale_id, params, *, cache_scope=None, kept=None):
        self.base = resources
        self.locale_id = locale_id
        self.params = params
        self.cache_scope = cache_scope
        self.kept = kept
        form = LibraryForm(params)
        form.is_valid()  # always true: the fields drop what they cannot use
        data = form.cleaned_data
        self.query = data["q"]
        self.requested = {facet.name: data[facet.name] for facet in FACETS}
        self.expanded = sorted(set(data["more"]) & {facet.name for facet in FACETS})
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

    @cached_property
    def _matches(self):
        """A subquery with Wagtail's database search backends (counts need no extra round
        trip), else a list of primary keys."""
        resources = ResourcePage.objects.filter(locale=self.locale_id)
        results = resources.search(self.query, order_by_relevance=False)
        if hasattr(results, "get_queryset"):
            return results.get_queryset().values("pk")
        return [page.pk for page in results]

    @cached_property
    def _ranked_matches(self):
        """The keys of every resource matching the keywords, best match first, in any library
        or language: a search of every resource reads only the search index, and what is
        counted and shown keeps those of this library (`_counted`)."""
        return ranked_pks(ResourcePage.objects.search(self.query))

    def read_library(self, *, newest_first=False):
        """(each facet's terms, the library's `LibraryIndex`), read from the database."""
        terms = [facet.terms(self) for facet in FACETS]
        keys = [facet.key(terms[i]) for i, facet in enumerate(FACETS)]
        return terms, LibraryIndex.read(self.base, keys, newest_first=newest_first)

    @cached_property
    def _library(self):
        """`read_library()`. It does not depend on what is chosen or searched, so with a
        `cache_scope` one is kept for every view of the library until content changes. `kept()`,
        when given, is what the scheduler's job read at the current content version, or None:
        found there, nobody's view reads the whole library."""

        def compute():
            found = self.kept() if self.kept else None
            return self.read_library() if found is None else found

        scope = self.cache_scope
        return cache.cached(compute, scope and cache.key("library-index", scope, self.locale_id))

    @cached_property
    def _counted(self):
        """(the pks of the results in the order the library was read, each facet's counts by
        key, each facet's options)."""
        terms, index = self._library
        chosen = {
            i: facet.chosen(self.requested[facet.name], terms[i], set(index.by_key[i]))
            for i, facet in enumerate(FACETS)
            if self.requested[facet.name]
        }
        # Values that all match nothing are no choice, as in `conditions`.
        chosen = {i: wanted for i, wanted in chosen.items() if wanted}
        matches = set(self._ranked_matches) if self.query else None
        results, counts = index.count(chosen, matches)
        options = [facet.options(terms[i], set(index.by_key[i])) for i, facet in enumerate(FACETS)]
        return index.pks(results), counts, options

    @cached_property
    def _ranked_ids(self):
        results = set(self._counted[0])
        return [pk for pk in self._ranked_matches if pk in results]

    # The list in the chosen order, as Django's Paginator reads it: a slice at a time, the
    # slice's keys (kept in the cache), then its cards.
    def __len__(self):
        return self.count

    def __getitem__(self, key):
        start, stop, _step = key.indices(self.count)
        return resource_cards(self.ids(start, stop))

    def __iter__(self):
        return iter(self[:])

    @cached_property
    def count(self):
        return self._cached("count", lambda: len(self._counted[0]))

    def ids(self, start, stop):
        """The primary keys of the resources from `start` to `stop` in the chosen order."""

        def compute():
            if self.sort == RELEVANCE:
                return self._ranked_ids[start:stop]
            if self.sort == NEWEST and self._library[1].newest_first:
                return self._counted[0][start:stop]
            ordered = self.filtered().order_by(*ORDERS[self.sort])
            return list(ordered.values_list("pk", flat=True)[start:stop])

        return self._cached(f"ids:{self.sort}:{start}:{stop}", compute)

    def newest(self, limit):
        resources = self.filtered().select_related(*CARD_RELATIONS).prefetch_related("topics")
        return list(resources.order_by(*ORDERS[NEWEST])[:limit])

    @cached_property
    def facets(self):
        rows = self._cached("facets", self._facet_rows)
        return [
            self._facet(f, [self._option(f.name, *row) for row in rows[f.name]]) for f in FACETS
        ]

    def _facet_rows(self):
        """{facet name: [(value, label, count) for each option]}."""
        _results, counts, options = self._counted
        return {
            facet.name: [(value, label, counts[i].get(key, 0)) for key, value, label in options[i]]
            for i, facet in enumerate(FACETS)
        }

    def _facet(self, facet, options):
        if facet.name in self.expanded or len(options) <= FACET_SHOWN:
            return Facet(facet.name, facet.label, options)
        most_used = sorted(options, key=lambda option: -option.count)[:FACET_SHOWN]
        shown = [option for option in options if option.selected or option in most_used]
        more = self.querystring(add=("more", facet.name))
        return Facet(facet.name, facet.label, shown, len(options), more)

    @property
    def facets_key(self):
        """What the facets' markup depends on besides the filters: the facets shown in full."""
        return ",".join(self.expanded)

    def _option(self, name, value, label, count):
        if value not in map(str, self.requested[name]):
            return Option(value, label, count, selected=False)
        return Option(value, label, count, True, self.querystring(remove=(name, value)))

    def querystring(self, *, remove=None, keep=None, add=None):
        """The current query string without the page number; without one facet value when
        `remove` is (name, value), with one more when `add` is; only the parameters in `keep`
        when given."""
        params = self.params.copy()
        params.pop("page", None)
        for name in set(params) - (set(params) if keep is None else set(keep)):
            params.pop(name)
        if remove:
            name, value = remove
            params.setlist(name, [v for v in params.getlist(name) if v.strip() != value])
        if add:
            params.appendlist(*add)
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
        if self.sort in SORTS and self.sort != NEWEST and "sort" in self.params:
            return self.querystring(keep={"sort"})
        return ""

    @property
    def feed_querystring(self):
        return self.querystring(keep={*self.requested, "q"})
