"""The search reports in the admin's Reports menu, for users allowed to see them (editors and
moderators by default; see the migration `0002_editors_see_search_reports`)."""

from wagtail import hooks

from .reports import EmptySearchesView, PopularSearchesView, ReportViewSet


@hooks.register("register_admin_viewset")
def register_search_reports():
    return [
        ReportViewSet(
            "search_reports_popular",
            PopularSearchesView,
            url_prefix="reports/search/popular",
            menu_order=1310,
        ),
        ReportViewSet(
            "search_reports_empty",
            EmptySearchesView,
            url_prefix="reports/search/empty",
            menu_order=1320,
        ),
    ]


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    # "Popular searches" shows the same counts (summed within the chosen dates) and more, for
    # editors too; Wagtail's own report stays at its address for superusers.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
