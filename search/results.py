"""Running a site search: editors' promoted results first, then every other live, public page of
the visitor's language that matches, with a count per page type for the type filter.

Queries per search are bounded whatever the number of matches: one for the counts per type, one
for the page of results, one for what the results show from their page types' own tables, and
two or three for promotions. Nothing is loaded for results that are not on the page shown."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import DateField, DateTimeField, F, TextField, Value
from django.db.models.functions import Cast
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from care_site.base import cache

RESULTS_PER_PAGE = 10
NO_DAY = Value(None, output_field=DateField())
NO_MOMENT = Value(None, output_field=DateTimeField())
SUMMARY_WORDS = 50


def result_date(model):
    """(field name, label) of the date shown with a result of this page type, or (None, "")
    (`search_result_date` on the page type)."""
    return getattr(model, "search_result_date", None) or (None, "")


@dataclass
class Result:
    """One line of the results list, whatever it came from (a page or an editor's link)."""

    title: str
    url: str
    type_label: str
    summary: str = ""
    date: date | datetime | None = None
    date_label: str = ""
    promoted: bool = False
    page: Page | None = None

    @property
    def date_is_datetime(self):
        return isinstance(self.date, datetime)

    @classmethod
    def for_page(cls, page, request, *, promoted=False, summary="", details=None):
        """`page` is specific, or a plain `Page` with `details` (see `page_details`)."""
        model = page.specific_class or type(page)
        field_name, date_label = result_date(model)
        if details is None:
            day = getattr(page, field_name, None) if field_name else None
            details = PageDetails(getattr(page, "summary", ""), day)
        summary = summary or page.search_description or details.summary
        return cls(
            title=page.title,
            url=page.get_url(request) or "",
            type_label=capfirst(model._meta.verbose_name),
            summary=Truncator(summary).words(SUMMARY_WORDS),
            date=details.date,
            date_label=date_label,
            promoted=promoted,
            page=page,
        )

    @classmethod
    def for_link(cls, promotion):
        return cls(
            title=promotion.external_link_text or promotion.external_link_url,
            url=promotion.external_link_url,
            type_label=_("Link to another site"),
            summary=Truncator(promotion.description).words(SUMMARY_WORDS),
            promoted=True,
        )


@dataclass
class PageDetails:
    """What a result shows that lives in its page type's own table."""

    summary: str = ""
    date: date | datetime | None = None


def page_details(pages):
    """{pk: PageDetails} for plain `Page` objects, read from their page types' tables in one
    UNION query (`.specific()` would take one query per page type on the results page)."""
    by_model = defaultdict(list)
    for page in pages:
        if page.specific_class is not None:
            by_model[page.specific_class].append(page.pk)
    selects = []
    for model, pks in by_model.items():
        field_name, _label = result_date(model)
        field_names = {field.name for field in model._meta.get_fields()}
        summary = F("summary") if "summary" in field_names else Value("")
        moment = field_name and isinstance(model._meta.get_field(field_name), DateTimeField)
        selects.append(
            model.objects.filter(pk__in=pks)
            .annotate(
                result_summary=Cast(summary, TextField()),
                result_day=Cast(
                    F(field_name) if field_name and not moment else NO_DAY, DateField()
                ),
                result_moment=Cast(F(field_name) if moment else NO_MOMENT, DateTimeField()),
            )
            .values_list("pk", "result_summary", "result_day", "result_moment")
            .order_by()
        )
    if not selects:
        return {}
    rows = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
    return {pk: PageDetails(summary or "", day or moment) for pk, summary, day, moment in rows}


@dataclass
class TypeFacet:
    key: str
    label: str
    count: int
    content_type_id: int


class ResultList(Sequence):
    """Promoted results followed by the search results, sliced lazily for the paginator: only
    the slice shown is asked for, from `find_pages(first, last)`."""

    def __init__(self, promoted, find_pages, search_count, request):
        self.promoted = promoted
        self.find_pages = find_pages
        self.search_count = search_count
        self.request = request

    def count(self):
        return len(self.promoted) + self.search_count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        head = self.promoted[start:stop]
        first, last = max(start - len(self.promoted), 0), stop - len(self.promoted)
        pages = self.find_pages(first, last) if last > first else []
        details = page_details(pages)
        return head + [
            Result.for_page(page, self.request, details=details.get(page.pk, PageDetails()))
            for page in pages
        ]


class SiteSearch:
    """A search of the live, public pages of one locale for a parsed query, optionally narrowed
    to one page type (`type_key`, the model name as in `?type=resourcepage`).

    The counts per type and each page of results are kept in the content cache until content
    changes: they rank every match, and searches are never answered by the page cache (each
    one is counted for the editors' reports)."""

    def __init__(self, query, locale, request, type_key=""):
        self.query = query
        self.locale = locale
        self.request = request
        # Computed once: `public()` looks up the view restrictions every time it is called.
        self.pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
        self.promotions = self._promotions()
        self.facets = self._facets()
        self.selected = next((f for f in self.facets if f.key == type_key), None)

    def _promotions(self):
        """The editors' promoted results for this query, in their order, in the visitor's
        language (a promoted page is replaced by its translation, or left out when there is
        none). Links to other sites are shown in every language."""
        strings = {normalise_query_string(self.query.text), " ".join(self.query.terms)}
        picks = list(
            SearchPromotion.objects.filter(query__query_string__in=strings)
            .select_related("page")
            .order_by("query__query_string", "sort_order")
        )
        keys = [pick.page.translation_key for pick in picks if pick.page_id]
        localized = {
            page.translation_key: page
            for page in self.pages.filter(translation_key__in=keys).specific().defer_streamfields()
        }
        promoted, seen = [], set()
        for pick in picks:
            page = localized.get(pick.page.translation_key) if pick.page_id else None
            target = page.pk if page else pick.external_link_url
            if not target or target in seen:
                continue
            seen.add(target)
            promoted.append((page, pick))
        return promoted

    @property
    def promoted_page_ids(self):
        return [page.pk for page, _pick in self.promotions if page is not None]

    def _cache_key(self, name):
        query = self.query
        return cache.key(
            "search", self.locale.pk, name, *query.terms, "|", *query.phrases,
            "|", *self.promoted_page_ids,
        )  # fmt: skip

    def _searchable(self):
        promoted_ids = self.promoted_page_ids
        return self.pages.exclude(pk__in=promoted_ids) if promoted_ids else self.pages

    def _facets(self):
        def count_types():
            return dict(self._searchable().search(self.query.expression).facet("content_type_id"))

        counts = dict(cache.cached(count_types, self._cache_key("types")))
        for page, _pick in self.promotions:
            if page is not None:
                counts[page.content_type_id] = counts.get(page.content_type_id, 0) + 1
        facets = []
        for content_type_id, count in counts.items():
            content_type = ContentType.objects.get_for_id(content_type_id)
            model = content_type.model_class()
            if model is None or not count:
                continue
            label = capfirst(model._meta.verbose_name)
            facets.append(TypeFacet(content_type.model, label, count, content_type_id))
        return sorted(facets, key=lambda facet: (-facet.count, str(facet.label)))

    @property
    def total(self):
        """Every result in every type (with links to other sites that editors promoted)."""
        links = sum(1 for page, _pick in self.promotions if page is None)
        return sum(facet.count for facet in self.facets) + links

    def results(self):
        """The results for the selected type (or all), promoted ones first."""
        chosen = [(page, pick) for page, pick in self.promotions if self._in_selection(page)]
        promoted = [
            Result.for_link(pick)
            if page is None
            else Result.for_page(page, self.request, promoted=True, summary=pick.description)
            for page, pick in chosen
        ]
        pages = self._searchable()
        if self.selected:
            pages = pages.filter(content_type_id=self.selected.content_type_id)
            matching = self.selected.count - len(chosen)
        else:
            matching = self.total - len(self.promotions)
        search_results = pages.search(self.query.expression)
        selection = self.selected.key if self.selected else ""

        def find_pages(first, last):
            return cache.cached(
                lambda: list(search_results[first:last]),
                self._cache_key(f"pages:{selection}:{first}:{last}"),
            )

        return ResultList(promoted, find_pages, matching, self.request)

    def _in_selection(self, page):
        if self.selected is None:
            return True
        return page is not None and page.content_type_id == self.selected.content_type_id

    def page(self, number):
        return Paginator(self.results(), RESULTS_PER_PAGE).get_page(number)
