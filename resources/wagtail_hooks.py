"""Admin for the resource library: topics and resource types (ordered by drag and drop, and
never deleted while in use), and the report of links to fix."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.wagtail_hooks import PageTypesReportMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ResourceType, Topic
from .views import ResourceLinksReportView


def usage_count(model):
    """How many pages (in any state) use a term: resources, and partners' focus areas."""
    count = Count("resources", distinct=True)
    if model is Topic:
        count += Count("partners", distinct=True)
    return count


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", Column("usage_count", label=_("Used by (pages)"))]
    search_fields = ["name", "slug"]
    sort_order_field = "sort_order"

    def get_queryset(self, request):
        return self.model.objects.annotate(usage_count=usage_count(self.model))


class LibraryTaxonomyGroup(SnippetViewSetGroup):
    items = (
        TaxonomyViewSet(model=Topic, icon="tag"),
        TaxonomyViewSet(model=ResourceType, icon="doc-full"),
    )
    menu_label = _("Library filters")
    menu_icon = "tag"
    menu_order = 250


register_snippet(LibraryTaxonomyGroup)


@hooks.register("before_delete_snippet")
def refuse_to_delete_terms_in_use(request, instances):
    """Deleting a topic would silently take it off every resource (and break bookmarked
    filtered lists); deleting a type in use would fail. Say so and delete nothing."""
    model = type(next(iter(instances), None))
    if model not in (Topic, ResourceType):
        return None
    terms = model.objects.filter(pk__in=[term.pk for term in instances])
    in_use = terms.annotate(count=usage_count(model)).filter(count__gt=0)
    for term in in_use:
        messages.error(
            request,
            ngettext(
                "“%(name)s” was not deleted: %(count)d page uses it. Take it off that page "
                "first, or rename it instead.",
                "“%(name)s” was not deleted: %(count)d pages use it. Take it off those pages "
                "first, or rename it instead.",
                term.count,
            )
            % {"name": term.name, "count": term.count},
        )
    return redirect(model.snippet_viewset.get_url_name("list")) if in_use else None


@hooks.register("register_admin_urls")
def register_link_report_urls():
    return [
        path(
            "reports/resource-links/",
            ResourceLinksReportView.as_view(),
            name="resource_links_report",
        ),
        path(
            "reports/resource-links/results/",
            ResourceLinksReportView.as_view(results_only=True),
            name="resource_links_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    # Shown, like Wagtail's page reports, to whoever may add, change or publish pages.
    return PageTypesReportMenuItem(
        _("Resource links to fix"),
        reverse("resource_links_report"),
        name="resource-links",
        icon_name="link",
        order=1300,
    )
