"""Running a site search: editors' promoted results first, then every other live, public page of
the visitor's language that matches, with a count per page type for the type filter.

Queries per search are bounded whatever the number of matches: one reading the index for every
match's key and page type in order of relevance (the counts per type and each page of results
come from it), one for the pages on the page shown, one for what they show from their page
types' own tables, and one or two for promotions. Only the keys of results not on the page
shown are read."""

import itertools
from collections import Counter, namedtuple
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import DateField, DateTimeField, F, IntegerField, TextField, Value
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from care_site.base import cache

from .backends import ranked_pks_and_types

RESULTS_PER_PAGE = 10
SUMMARY_WORDS = 50


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
    # What helps choose it (`search_result_facts` on the page type): "Report", a publisher, how
    # many resources a partner published.
    kind: str = ""
    publisher: str = ""
    resources: int | None = None

    @property
    def date_is_datetime(self):
        return isinstance(self.date, datetime)

    @classmethod
    def for_page(cls, page, request, details, *, promoted=False, summary=""):
        """`page` is a plain `Page`; `details` holds its summary, date and facts (see
        `page_details`)."""
        model = page.specific_class or type(page)
        # The date shown with a result of this page type (`search_result_date` on the page type).
        _field_name, date_label = getattr(model, "search_result_date", None) or (None, "")
        page_summary, day, facts = details.get(page.pk, ("", None, {}))
        summary = summary or page.search_description or page_summary
        return cls(
            title=page.title,
            url=page.get_url(request) or "",
            type_label=kind_label(model),
            summary=Truncator(summary).words(SUMMARY_WORDS),
            date=day,
            date_label=date_label,
            promoted=promoted,
            page=page,
            kind=facts.get("kind") or "",
            publisher=facts.get("publisher") or "",
            resources=facts.get("resources"),
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


def kind_of(model):
    """(key, label) of the kind of result a page type gives (`search_result_kind`)."""
    return getattr(model, "search_result_kind", None) or ("page", _("Page"))


def kind_label(model):
    return capfirst(kind_of(model)[1])


# The facts a page type may give its results (`search_result_facts`), each in a column of
# its own so the page types' rows can be read in one UNION.
FACT_FIELDS = {"kind": TextField, "publisher": TextField, "resources": IntegerField}


def page_details(pages):
    """{pk: (summary, date, facts)} for plain `Page` objects, read from their page types' tables
    in one UNION query (`.specific()` would take one query per page type on the results page)."""
    selects = []
    for model in dict.fromkeys(page.specific_class for page in pages if page.specific_class):
        field_name, _label = getattr(model, "search_result_date", None) or (None, "")
        field_names = {field.name for field in model._meta.get_fields()}
        summary = F("summary") if "summary" in field_names else Value("")
        moment = field_name and isinstance(model._meta.get_field(field_name), DateTimeField)
        facts = getattr(model, "search_result_facts", dict)()
        selects.append(
            model.objects.filter(pk__in=[page.pk for page in pages if page.specific_class is model])
            .annotate(
                result_summary=Cast(summary, TextField()),
                result_day=Cast(
                    F(field_name) if field_name and not moment else Value(None), DateField()
                ),
                result_moment=Cast(F(field_name) if moment else Value(None), DateTimeField()),
                **{
                    f"result_{name}": Cast(facts.get(name, Value(None)), field())
                    for name, field in FACT_FIELDS.items()
                },
            )
            .values_list(
                "pk",
                "result_summary",
                "result_day",
                "result_moment",
                *(f"result_{name}" for name in FACT_FIELDS),
            )
            .order_by()
        )
    if not selects:
        return {}
    rows = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
    return {
        pk: (summary or "", day or moment, dict(zip(FACT_FIELDS, facts, strict=True)))
        for pk, summary, day, moment, *facts in rows
    }


# The columns of a page its result shows (`Result.for_page`); the rest comes from its page
# type's table (`page_details`).
RESULT_FIELDS = ("title", "url_path", "search_description", "content_type")

# A kind of result: `content_type_ids` of the page types it gathers (`search_result_kind`).
TypeFacet = namedtuple("TypeFacet", ["key", "label", "count", "content_type_ids"])


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
        self.promoted_ids = [page.pk for page, _pick in self.promotions if page is not None]
        if self.promoted_ids:  # shown first, so never again among the other results
            self.pages = self.pages.exclude(pk__in=self.promoted_ids)
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
        found = self.pages.filter(translation_key__in=keys) if keys else ()
        localized = {page.translation_key: page for page in found}
        promoted = {}  # by page or address: each is shown once
        for pick in picks:
            page = localized.get(pick.page.translation_key) if pick.page_id else None
            target = page.pk if page else pick.external_link_url
            if target:
                promoted.setdefault(target, (page, pick))
        return list(promoted.values())

    def _cache_key(self, name):
        return cache.key(
            "search", self.locale.pk, name, *self.query.terms, "|", *self.query.phrases,
            "|", *self.promoted_ids,
        )  # fmt: skip

    @cached_property
    def _ranked(self):
        """(pk, content type id) of every match, best first: one read of the index, for the
        counts per type and for whichever page of results is asked for."""
        return ranked_pks_and_types(self.pages.search(self.query.expression))

    def _facets(self):
        def count_types():
            return dict(Counter(content_type_id for _pk, content_type_id in self._ranked))

        counts = Counter(cache.cached(count_types, self._cache_key("types")))
        counts.update(page.content_type_id for page, _pick in self.promotions if page is not None)
        kinds = {}  # key: (label, count, content type ids)
        for content_type_id, count in counts.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not count:
                continue
            key = kind_of(model)[0]
            _label, total, ids = kinds.get(key, (kind_label(model), 0, ()))
            kinds[key] = (kind_label(model), total + count, (*ids, content_type_id))
        facets = [TypeFacet(key, *kind) for key, kind in kinds.items()]
        return sorted(facets, key=lambda facet: (-facet.count, str(facet.label)))

    @property
    def total(self):
        """Every result in every type (with links to other sites that editors promoted)."""
        links = sum(1 for page, _pick in self.promotions if page is None)
        return sum(facet.count for facet in self.facets) + links

    def _results(self, first, last):
        """The pages from position `first` to `last` among the matches of the selected type
        (or all), in order of relevance."""
        kinds = self.selected.content_type_ids if self.selected else None
        ranked = (pk for pk, kind in self._ranked if kinds is None or kind in kinds)
        keys = list(itertools.islice(ranked, first, last))
        pages = self.pages.only(*RESULT_FIELDS).in_bulk(keys)
        return [pages[pk] for pk in keys if pk in pages]

    def page(self, number):
        """A page of the results for the selected type (or all), promoted ones first. Django's
        paginator numbers the positions; only the results on the page shown are loaded."""
        selected = self.selected
        chosen = [
            (page, pick)
            for page, pick in self.promotions
            if selected is None
            or getattr(page, "content_type_id", None) in selected.content_type_ids
        ]
        positions = range(selected.count if selected else self.total)
        shown = Paginator(positions, RESULTS_PER_PAGE).get_page(number)
        start, stop = shown.object_list.start, shown.object_list.stop
        first, last = max(start - len(chosen), 0), stop - len(chosen)
        found = []
        if last > first:
            key = self._cache_key(f"pages:{selected.key if selected else ''}:{first}:{last}")
            found = cache.cached(lambda: self._results(first, last), key)
        chosen = chosen[start:stop]
        details = page_details([page for page, _pick in chosen if page is not None] + found)
        shown.object_list = [
            Result.for_link(pick)
            if page is None
            else Result.for_page(
                page, self.request, details, promoted=True, summary=pick.description
            )
            for page, pick in chosen
        ] + [Result.for_page(page, self.request, details) for page in found]
        return shown
