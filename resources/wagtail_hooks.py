"""Admin for the resource library: topics and resource types (ordered by drag and drop, and
never deleted while in use), and the report of links to fix."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.permissions import policy_registry
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


def usage(term):
    return type(term).objects.filter(pk=term.pk).aggregate(n=usage_count(type(term)))["n"]


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", Column("usage_count", label=_("Used by (pages)"))]
    search_fields = ["name", "slug"]
    sort_order_field = "sort_order"

    def get_queryset(self, request):
        return self.model.objects.annotate(usage_count=usage_count(self.model))


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"


class ResourceTypeViewSet(TaxonomyViewSet):
    model = ResourceType
    icon = "doc-full"


class LibraryTaxonomyGroup(SnippetViewSetGroup):
    items = (TopicViewSet, ResourceTypeViewSet)
    menu_label = _("Library filters")
    menu_icon = "tag"
    menu_order = 250


register_snippet(LibraryTaxonomyGroup)


@hooks.register("before_delete_snippet")
def refuse_to_delete_terms_in_use(request, instances):
    """Deleting a topic would silently take it off every resource (and break bookmarked
    filtered lists); deleting a type in use would fail. Say so and delete nothing."""
    in_use = []
    for term in instances:
        if isinstance(term, (Topic, ResourceType)):
            count = usage(term)
            if count:
                in_use.append((term, count))
    if not in_use:
        return None
    for term, count in in_use:
        messages.error(
            request,
            ngettext(
                "“%(name)s” was not deleted: %(count)d page uses it. Take it off that page "
                "first, or rename it instead.",
                "“%(name)s” was not deleted: %(count)d pages use it. Take it off those pages "
                "first, or rename it instead.",
                count,
            )
            % {"name": term.name, "count": count},
        )
    return redirect(reverse(in_use[0][0].snippet_viewset.get_url_name("list")))


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


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    return PageEditorsMenuItem(
        _("Resource links to fix"),
        reverse("resource_links_report"),
        name="resource-links",
        icon_name="link",
        order=1300,
    )
