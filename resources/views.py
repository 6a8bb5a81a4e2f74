"""The admin report of resource links that are broken or redirected, from the last run of
`check_resource_links`, so editors can fix them."""

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

import django_filters

from .models import LinkCheck

PROBLEMS = [LinkCheck.Outcome.BROKEN, LinkCheck.Outcome.REDIRECTED]


class LinkReportFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(
        label=_("Problem"),
        choices=[(outcome.value, outcome.label) for outcome in PROBLEMS],
        empty_label=_("Broken or redirected"),
    )

    class Meta:
        model = LinkCheck
        fields = ["outcome"]


class ExternalLinkColumn(Column):
    cell_template_name = "resources/admin/link_cell.html"


class ResourceLinksReportView(ReportView):
    page_title = _("Resource links to fix")
    header_icon = "link"
    filterset_class = LinkReportFilterSet
    # Rows are link checks, but whoever may edit pages may fix their links.
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn(
            "page",
            label=_("Resource"),
            get_url=lambda check: reverse("wagtailadmin_pages:edit", args=[check.page_id]),
        ),
        Column("outcome", label=_("Problem"), accessor="get_outcome_display"),
        Column("result", label=_("Answer")),
        ExternalLinkColumn("url", label=_("Link")),
        ExternalLinkColumn("final_url", label=_("Leads to")),
        DateColumn("checked_at", label=_("Checked")),
    ]
    list_export = ["page.title", "get_outcome_display", "result", "url", "final_url", "checked_at"]
    # The spreadsheet's headings are the table's.
    export_headings = dict(zip(list_export, (column.label for column in columns), strict=True))

    def get_queryset(self):
        # Checks of an address the resource no longer uses are already fixed.
        return (
            LinkCheck.objects.filter(outcome__in=PROBLEMS, url=F("page__external_url"))
            .select_related("page")
            .order_by("outcome", "page__title")
        )

    def get_filename(self):
        return f"resource-links-{datetime.date.today():%Y-%m-%d}"
