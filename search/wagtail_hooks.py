"""The search reports in the admin's Reports menu, for users allowed to see them (editors and
moderators by default; see the migration `0002_editors_see_search_reports`)."""

from django.urls import path

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import reports


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.SearchReportView.permission_policy.user_has_permission(request.user, "view")


class SearchReportViewSet(ViewSet):
    """A report at /admin/reports/search/<name>/, in the Reports menu under its title."""

    menu_hook = "register_reports_menu_item"
    menu_icon = "search"
    menu_item_class = SearchReportMenuItem

    def __init__(self, name, view_class, menu_name, menu_order):
        super().__init__(
            f"search_reports_{name}",
            url_prefix=f"reports/search/{name}",
            view_class=view_class,
            menu_label=view_class.page_title,
            menu_name=menu_name,
            menu_order=menu_order,
        )

    def get_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("results"),
        }
        return [
            path("", self.view_class.as_view(**names), name="index"),
            path("results/", self.view_class.as_view(**names, results_only=True), name="results"),
        ]


@hooks.register("register_admin_viewset")
def register_search_reports():
    return [
        SearchReportViewSet("popular", reports.PopularSearchesView, "popular-searches", 1310),
        SearchReportViewSet(
            "empty", reports.EmptySearchesView, "searches-that-found-nothing", 1320
        ),
    ]


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    # "Popular searches" shows the same counts (summed within the chosen dates) and more, for
    # editors too; Wagtail's own report stays at its address for superusers.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
