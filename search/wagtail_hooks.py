"""The search reports in the admin's Reports menu, for users allowed to see them (editors and
moderators by default; see the migration `0002_editors_see_search_reports`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import reports


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_see_reports(request.user)


urlpatterns = [
    path("popular/", reports.PopularSearchesView.as_view(), name="popular"),
    path(
        "popular/results/",
        reports.PopularSearchesView.as_view(results_only=True),
        name="popular_results",
    ),
    path("empty/", reports.EmptySearchesView.as_view(), name="empty"),
    path(
        "empty/results/",
        reports.EmptySearchesView.as_view(results_only=True),
        name="empty_results",
    ),
]


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("reports/search/", include((urlpatterns, "search_reports")))]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return SearchReportMenuItem(
        _("Popular searches"),
        reverse("search_reports:popular"),
        name="popular-searches",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_empty_searches_menu_item():
    return SearchReportMenuItem(
        _("Searches that found nothing"),
        reverse("search_reports:empty"),
        name="searches-that-found-nothing",
        icon_name="search",
        order=1320,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    # "Popular searches" shows the same counts (summed within the chosen dates) and more, for
    # editors too; Wagtail's own report stays at its address for superusers.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
