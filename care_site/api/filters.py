"""Filters of the pages endpoint beyond Wagtail's own: each page type's own filters (the
resource library's facets, events to come or past) with a check of `locale` that answers 400,
and keyword search cleaned as the library cleans it (a stray quote must not break SQLite's
full-text syntax)."""

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, get_page_models
from wagtail.search.backends import get_search_backend

from rest_framework.filters import BaseFilterBackend

from resources.filters import clean_query
from search.backends import ranked_pks

# Page types with filters of their own (`api_filter_parameters`, `filter_for_api`).
FILTERING_PAGE_TYPES = [
    model for model in get_page_models() if getattr(model, "api_filter_parameters", ())
]
CONTENT_PARAMETERS = frozenset(
    name for model in FILTERING_PAGE_TYPES for name in model.api_filter_parameters
)


class ContentFilter(BaseFilterBackend):
    """Each page type's own filters: `topic`, `resource_type`, `partner`, `year` with
    `type=resources.ResourcePage`, `when=upcoming|past` with `type=events.EventPage`. Asking
    one without its type is a 400 that says which type to add. An unknown `locale` is a 400
    here too (Wagtail's LocaleFilter, which applies it, would answer 404)."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        locale = None
        if code is not None:
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                known = Locale.objects.order_by("language_code").values_list(
                    "language_code", flat=True
                )
                raise BadRequestError(f"locale must be one of: {', '.join(known)}")
        for model in FILTERING_PAGE_TYPES:
            asked = sorted(model.api_filter_parameters & request.GET.keys())
            if not asked:
                continue
            if queryset.model is not model:
                raise BadRequestError(
                    f"{', '.join(asked)} filter {model._meta.verbose_name_plural}: "
                    f"add type={model._meta.label}"
                )
            try:
                queryset = model.filter_for_api(
                    queryset, request.GET, locale or Locale.get_default()
                )
            except ValueError as error:
                raise BadRequestError(str(error)) from error
        return queryset


class SearchFilter(BaseFilterBackend):
    """Full-text search of the filtered pages, in order of relevance unless `order` is given.

    As the library page does, the search backend is asked about the whole model and its
    answer intersected with the filtered list: a backend cannot search inside the facet
    conditions (subqueries, negations). Must come last: the result is a sequence, not a
    queryset."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" not in request.GET:
            if operator is not None:
                raise BadRequestError("search_operator combines the words of search: add search")
            return queryset
        query = clean_query(request.GET["search"])
        if not query:
            # As on the library page: no words, no search.
            return queryset
        by_relevance = "order" not in request.GET
        results = get_search_backend().search(
            query, queryset.model.objects.all(), operator=operator, order_by_relevance=by_relevance
        )
        matching = ranked_pks(results)
        if by_relevance:
            return RankedResults(matching, queryset)
        return queryset.filter(pk__in=matching)


class RankedResults:
    """Pages in the search backend's order of relevance, restricted to those the other filters
    allow. Only the primary keys are held; a page of results is fetched when sliced (all the
    paginator asks, with `count`)."""

    def __init__(self, ranked_ids, pages):
        allowed = set(pages.values_list("pk", flat=True))
        self.ids = [pk for pk in ranked_ids if pk in allowed]
        self.pages = pages

    def count(self):
        return len(self.ids)

    def __getitem__(self, page_slice):
        ids = self.ids[page_slice]
        by_id = self.pages.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]
