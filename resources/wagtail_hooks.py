"""Admin for the resource library: topics and resource types (ordered by drag and drop, and
never deleted while in use), and the report of links to fix."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.reports import ReportViewSet

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


@hooks.register("register_admin_viewset")
def register_link_report():
    return ReportViewSet(
        "resource_links_report",
        ResourceLinksReportView,
        url_prefix="reports/resource-links",
        menu_order=1300,
    )
