"""Structured data read back from the HTML as a search engine would: every JSON-LD block parses
and carries the properties schema.org and Google require for its type, and the visible
breadcrumbs carry a BreadcrumbList."""

import datetime

from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Site

import pytest

from care_site.base import cache
from events.factories import EventPageFactory
from home.factories import StandardPageFactory
from home.models import HomePageFeaturedPartner, SiteSettings
from home.seo import breadcrumb_trail
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory
from tests.helpers import soup
from tests.seo.conftest import breadcrumb_list, json_ld_blocks, json_ld_of_type, translate

pytestmark = pytest.mark.django_db

# What each type must carry to be understood (schema.org, and Google's rich-result rules).
REQUIRED = {
    "Organization": {"@context", "name", "url"},
    "CreativeWork": {"@context", "name", "url", "inLanguage"},
    "Report": {"@context", "name", "url", "inLanguage"},
    "VideoObject": {"@context", "name", "url", "contentUrl", "uploadDate"},
    "Event": {"@context", "name", "startDate", "location", "eventAttendanceMode", "organizer"},
    "BreadcrumbList": {"@context", "itemListElement"},
}


def assert_required(block):
    assert block["@context"] == "https://schema.org"
    missing = REQUIRED[block["@type"]] - block.keys()
    assert not missing, f"{block['@type']} lacks {missing}"


def test_landing_page_describes_care_with_its_partners_as_members(client, home_page, partner_index):
    first = PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    second = PartnerPageFactory(parent=partner_index, title="Health Equity Lab", website="")
    draft = PartnerPageFactory(parent=partner_index, title="Not yet", live=False)
    home_page.partners_page = partner_index
    for order, partner in enumerate([first, second, draft]):
        home_page.featured_partners.add(HomePageFeaturedPartner(partner=partner, sort_order=order))
    home_page.search_description = "A space for health equity and anti-racism work."
    home_page.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "care@example.org"
    settings.save()

    response = client.get(home_page.url)
    organization = json_ld_of_type(response, "Organization")
    assert_required(organization)
    assert organization["name"] == "Collaborative for Anti-Racism & Equity"
    assert organization["url"] == home_page.full_url
    assert organization["description"] == "A space for health equity and anti-racism work."
    assert organization["email"] == "care@example.org"
    assert organization["member"] == [
        {
            "@type": "Organization",
            "name": "Network for Public Health Law",
            "url": first.full_url,
            "sameAs": first.website,
        },
        {"@type": "Organization", "name": "Health Equity Lab", "url": second.full_url},
    ]


def test_organization_name_follows_the_site_name_editors_set(client, home_page):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "CARE"
    site.save()
    organization = json_ld_of_type(client.get(home_page.url), "Organization")
    assert organization["name"] == "CARE"
    assert "member" not in organization


def test_only_the_landing_page_carries_the_organization(client, home_page):
    page = StandardPageFactory(parent=home_page)
    types = [block["@type"] for block in json_ld_blocks(client.get(page.url))]
    assert types == ["BreadcrumbList"]


@pytest.mark.parametrize(
    ("type_name", "fields", "schema_type"),
    [
        ("Guide", {}, "CreativeWork"),
        ("Report", {}, "Report"),
        ("Video", {"video_url": "https://www.youtube.com/watch?v=abc"}, "VideoObject"),
    ],
)
def test_resources_are_described_by_kind(client, resource_index, type_name, fields, schema_type):
    kind = ResourceTypeFactory(name=type_name, slug=type_name.lower())
    page = ResourcePageFactory(
        parent=resource_index,
        resource_type=kind,
        publication_date=datetime.date(2024, 5, 2),
        **fields,
    )
    block = json_ld_of_type(client.get(page.url), schema_type)
    assert_required(block)
    assert block["name"] == page.title
    assert block["url"] == page.full_url
    assert block["datePublished"] == "2024-05-02"


def test_events_carry_the_event_description(client, event_index):
    event = EventPageFactory(parent=event_index, title="June meeting")
    block = json_ld_of_type(client.get(event.url), "Event")
    assert block["@type"] == "Event"
    assert_required(block)
    assert block["name"] == "June meeting"
    assert block["organizer"]["name"] == "Collaborative for Anti-Racism & Equity"


def test_event_organizer_follows_the_site_name_editors_set(client, event_index):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "CARE"
    site.save()
    event = EventPageFactory(parent=event_index)
    block = json_ld_of_type(client.get(event.url), "Event")
    assert block["organizer"]["name"] == "CARE"


# Breadcrumbs ----------------------------------------------------------------------------------


def test_breadcrumbs_show_the_way_down_from_the_landing_page(client, resource_index):
    page = ResourcePageFactory(parent=resource_index, title="Equity offices")
    response = client.get(page.url)

    assert breadcrumb_list(response) == [
        {"position": 1, "name": "Home", "item": "/en/"},
        {"position": 2, "name": resource_index.title, "item": resource_index.url},
        {"position": 3, "name": "Equity offices", "item": page.url},
    ]
    assert_required(json_ld_of_type(response, "BreadcrumbList"))
    nav = soup(response).find("nav", class_="breadcrumbs")
    assert nav["aria-label"] == "Breadcrumb"
    assert nav.find("ol") is not None
    current = nav.find_all("a", attrs={"aria-current": "page"})
    assert [link["href"] for link in current] == [page.url]


def test_landing_page_has_no_breadcrumbs(client, home_page):
    response = client.get(home_page.url)
    assert breadcrumb_list(response) is None
    assert soup(response).find("nav", class_="breadcrumbs") is None


def test_breadcrumbs_skip_unpublished_sections(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Hidden section")
    child = StandardPageFactory(parent=section, title="Still live")
    section.unpublish()
    names = [crumb["name"] for crumb in breadcrumb_list(client.get(child.url))]
    assert names == ["Home", "Still live"]


def test_a_routed_page_finds_its_trail_among_the_pages_routing_read(client, home_page):
    """Routing reads the pages along the address: the first visitor's trail asks no more of
    the database, and skips a section taken offline as the query did."""
    section = StandardPageFactory(parent=home_page, title="Section")
    hidden = StandardPageFactory(parent=section, title="Hidden")
    deep = StandardPageFactory(parent=StandardPageFactory(parent=hidden, title="Lower"))
    hidden.unpublish()
    django_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(deep.url)
    asked = [q["sql"] for q in queries.captured_queries if '"depth" > 1' in q["sql"]]
    assert asked == []
    names = [crumb["name"] for crumb in breadcrumb_list(response)]
    assert names == ["Home", "Section", "Lower", deep.title]


def test_spanish_breadcrumbs_are_in_spanish(client, resource_index, spanish_home, spanish):
    page = ResourcePageFactory(parent=resource_index)
    spanish_page = translate(page, spanish, title="Oficinas de equidad")
    crumbs = breadcrumb_list(client.get(spanish_page.url))
    with translation.override("es"):
        assert crumbs[0] == {"position": 1, "name": gettext("Home"), "item": "/es/"}
    assert crumbs[-1]["name"] == "Oficinas de equidad"
    assert all(crumb["item"].startswith("/es/") for crumb in crumbs)


def test_the_whole_trail_costs_one_query_at_any_depth(rf, home_page, django_assert_num_queries):
    """One ancestors query however deep the page (Wagtail's own routing already costs one
    query per level), and nothing more when the head and the body both ask for it."""
    deep = home_page
    for _level in range(6):
        deep = StandardPageFactory(parent=deep)
    request = rf.get(deep.url)
    # As at the start of a request (Django's own signal would also close the connection).
    cache.request_version.set(cache.MISSING)
    # Looked up once per request anyway: the Site's root paths and the content version.
    deep.get_url(request)
    cache.version()
    try:
        with django_assert_num_queries(1):
            trail = breadcrumb_trail(deep, request)
            assert breadcrumb_trail(deep, request) == trail
    finally:
        cache.request_version.set(cache.NOT_IN_A_REQUEST)
    assert len(trail) == 7
    assert [crumb["url"] for crumb in trail][-2:] == [deep.get_parent().url, deep.url]
