"""Admin reports on what visitors search for: the most popular searches, and the searches that
found nothing (content the site is missing). Sums are taken within the chosen dates."""

from django.db.models import IntegerField, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import QueryDailyHits

from django_filters import DateFromToRangeFilter

from .models import EmptySearch

PERMISSION = "search.view_emptysearch"


def can_see_reports(user):
    return user.has_perm(PERMISSION)


class DateRangeFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)


class PopularSearchesFilterSet(DateRangeFilterSet):
    class Meta:
        model = QueryDailyHits
        fields = []


class EmptySearchesFilterSet(DateRangeFilterSet):
    class Meta:
        model = EmptySearch
        fields = []


class SearchReportView(ReportView):
    header_icon = "search"
    is_searchable = True
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_queryset(self):
        # Filter on dates before grouping, so the sums only count the chosen days.
        queryset = self.filter_queryset(self.get_base_queryset())
        queryset = self.search_queryset(self.annotate(queryset))
        return self.order_queryset(queryset)

    def date_lookups(self, prefix=""):
        if not (self.filters and self.filters.is_valid()):
            return {}
        dates = self.filters.form.cleaned_data.get("date")
        lookups = {}
        if dates and dates.start:
            lookups[f"{prefix}date__gte"] = dates.start
        if dates and dates.stop:
            lookups[f"{prefix}date__lte"] = dates.stop
        return lookups


class PopularSearchesView(SearchReportView):
    page_title = _("Popular searches")
    filterset_class = PopularSearchesFilterSet
    index_url_name = "search_reports:popular"
    index_results_url_name = "search_reports:popular_results"
    search_fields = ["query__query_string"]
    default_ordering = "-searches"
    columns = [
        Column("query__query_string", label=_("Search terms"), sort_key="query__query_string"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn("found_nothing", label=_("Found nothing"), sort_key="found_nothing"),
    ]
    list_export = ["query__query_string", "searches", "found_nothing"]
    export_headings = {
        "query__query_string": _("Search terms"),
        "searches": _("Searches"),
        "found_nothing": _("Found nothing"),
    }

    def get_base_queryset(self):
        return QueryDailyHits.objects.all()

    def annotate(self, queryset):
        empty = (
            EmptySearch.objects.filter(query=OuterRef("query_id"), **self.date_lookups())
            .values("query")
            .annotate(total=Sum("hits"))
            .values("total")
        )
        return queryset.values("query_id", "query__query_string").annotate(
            searches=Sum("hits"),
            found_nothing=Coalesce(Subquery(empty, output_field=IntegerField()), 0),
        )


class EmptySearchesView(SearchReportView):
    page_title = _("Searches that found nothing")
    filterset_class = EmptySearchesFilterSet
    index_url_name = "search_reports:empty"
    index_results_url_name = "search_reports:empty_results"
    search_fields = ["query__query_string"]
    default_ordering = "-times"
    columns = [
        Column("query__query_string", label=_("Search terms"), sort_key="query__query_string"),
        Column(
            "language",
            label=_("Language"),
            sort_key="language",
            accessor=lambda row: _language_name(row["language"]),
        ),
        NumberColumn("times", label=_("Times it found nothing"), sort_key="times"),
        DateColumn("last_date", label=_("Last time"), sort_key="last_date"),
    ]
    list_export = ["query__query_string", "language", "times", "last_date"]
    export_headings = {
        "query__query_string": _("Search terms"),
        "language": _("Language"),
        "times": _("Times it found nothing"),
        "last_date": _("Last time"),
    }

    def get_base_queryset(self):
        return EmptySearch.objects.all()

    def annotate(self, queryset):
        return queryset.values("query_id", "query__query_string", "language").annotate(
            times=Sum("hits"), last_date=Max("date")
        )


def _language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
