"""Admin reports on what visitors search for: the most popular searches, and the searches that
found nothing (content the site is missing). Sums are taken within the chosen dates. Also the
viewset that puts a report (these, and the other apps' reports) in the Reports menu."""

from django.db.models import IntegerField, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.permission_policies import ModelPermissionPolicy

from django_filters import DateFromToRangeFilter

from .models import EmptySearch


class ReportViewSet(ViewSet):
    """A `ReportView` at /admin/<url_prefix>/, in the Reports menu under its title for whoever
    the view lets in."""

    menu_hook = "register_reports_menu_item"

    def __init__(self, name, view_class, **kwargs):
        kwargs = {"menu_label": view_class.page_title, "icon": view_class.header_icon, **kwargs}
        super().__init__(name, view_class=view_class, **kwargs)

    @cached_property
    def menu_item_class(self):
        view = self.view_class
        actions = view.any_permission_required or [view.permission_required]

        class ReportMenuItem(MenuItem):
            def is_shown(self, request):
                return view.permission_policy.user_has_any_permission(request.user, actions)

        return ReportMenuItem

    def get_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("results"),
        }
        return [
            path("", self.view_class.as_view(**names), name="index"),
            path("results/", self.view_class.as_view(**names, results_only=True), name="results"),
        ]


class DateRangeFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)


class SearchReportView(ReportView):
    """A report for the users allowed to view searches that found nothing. Its rows are grouped
    in `get_base_queryset`; Wagtail filters on dates before the grouping, so the sums only count
    the chosen days. It is exported with the columns' names and labels."""

    header_icon = "search"
    is_searchable = True
    search_fields = ["query__query_string"]
    paginate_by = 50
    filterset_class = DateRangeFilterSet
    permission_policy = ModelPermissionPolicy(EmptySearch)
    permission_required = "view"

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.model.objects.all()}

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}


class PopularSearchesView(SearchReportView):
    page_title = _("Popular searches")
    model = QueryDailyHits
    default_ordering = "-searches"
    columns = [
        Column("query__query_string", label=_("Search terms"), sort_key="query__query_string"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn("found_nothing", label=_("Found nothing"), sort_key="found_nothing"),
    ]

    def get_base_queryset(self):
        empty = (
            self.filter_queryset(EmptySearch.objects.filter(query=OuterRef("query_id")))
            .values("query")
            .annotate(total=Sum("hits"))
            .values("total")
        )
        return QueryDailyHits.objects.values("query_id", "query__query_string").annotate(
            searches=Sum("hits"),
            found_nothing=Coalesce(Subquery(empty, output_field=IntegerField()), 0),
        )


class EmptySearchesView(SearchReportView):
    page_title = _("Searches that found nothing")
    model = EmptySearch
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

    def get_base_queryset(self):
        return EmptySearch.objects.values("query_id", "query__query_string", "language").annotate(
            times=Sum("hits"), last_date=Max("date")
        )


def _language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
