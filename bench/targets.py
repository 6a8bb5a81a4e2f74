"""The addresses the benchmark measures, found in whatever site is in the database (seeded by
`seed_demo`), so no page id or slug is written down here."""

from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from home.models import HomePage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage, ResourceType, Topic


def first(queryset):
    page = queryset.order_by("path").first()
    if page is None:
        raise LookupError(f"No live {queryset.model.__name__} in English: run seed_demo first.")
    return page


def find_targets():
    """{name: URL} in the order the table shows them."""
    english = Locale.objects.get(language_code="en")

    def live(model):
        return model.objects.live().public().filter(locale=english)

    library = first(live(ResourceIndexPage)).url
    resource = first(live(ResourcePage).filter(topics__isnull=False).distinct())
    topic = Topic.objects.filter(locale=english).order_by("sort_order", "name").first()
    kind = ResourceType.objects.filter(locale=english).order_by("sort_order", "name").first()
    community = first(live(EventIndexPage))
    event = first(live(EventPage).filter(materials__isnull=False).distinct())
    return {
        "landing": first(live(HomePage)).url,
        "library": library,
        "library_facets": f"{library}?topic={topic.slug}&type={kind.slug}",
        "library_q": f"{library}?q=health",
        "resource": resource.url,
        "partners": first(live(PartnerIndexPage)).url,
        "partner": first(live(PartnerPage)).url,
        "community": community.url,
        "event": event.url,
        "form": first(live(FormPage)).url,
        "search": "/en/search/?q=equity",
        "api_pages": "/api/v2/pages/",
        "api_resource": f"/api/v2/pages/{resource.pk}/",
        "ics": community.url + community.reverse_subpage("calendar"),
    }
