"""The demo library `seed_demo` builds: enough plausible, labelled resources to try every filter,
and the path a new visitor takes: tick two topics and a type, apply, share the address.

Seeding takes seconds, so the module seeds once inside a transaction rolled back at the end."""

from urllib.parse import urlencode

from django.test import Client

import pytest

from home.seed import content
from partners.models import PartnerPage
from resources.models import ResourceIndexPage, ResourcePage
from tests.helpers import collapse, run_seed_demo, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


@pytest.fixture
def library():
    return ResourceIndexPage.objects.get(locale__language_code="en")


def english_resources():
    return ResourcePage.objects.filter(locale__language_code="en")


def test_seed_builds_a_library_worth_filtering(library):
    resources = english_resources().live()
    assert resources.count() >= 3 + 20
    assert set(resources.values_list("resource_type__slug", flat=True)) == {
        slug for slug, _ in content.RESOURCE_TYPES
    }
    assert set(resources.values_list("topics__slug", flat=True)) >= {
        slug for slug, _ in content.TOPICS
    }
    assert resources.filter(document__isnull=False).count() >= 2
    assert len(set(resources.values_list("publication_date__year", flat=True))) >= 5


def test_demo_resources_are_labelled_and_belong_to_seeded_partners():
    demo = english_resources().filter(slug__in=[spec["slug"] for spec in content.DEMO_RESOURCES])
    assert demo.count() == len(content.DEMO_RESOURCES) >= 20
    partners = set(
        PartnerPage.objects.filter(locale__language_code="en").values_list("pk", flat=True)
    )
    for resource in demo:
        assert "(demo" in resource.title, resource.title
        assert resource.summary.endswith(content.DEMO_NOTE), resource.title
        assert resource.publisher_page_id in partners or resource.publisher_name.startswith("Demo")
    assert demo.filter(publisher_page__isnull=False).count() >= 15


def test_seeding_again_adds_no_demo_resource():
    before = ResourcePage.objects.count()
    run_seed_demo()
    assert ResourcePage.objects.count() == before


def test_synthetic_resources_for_benchmarks():
    run_seed_demo(resources=5)
    assert english_resources().filter(slug__startswith="synthetic-resource-").count() == 5


def test_a_visitor_filters_by_two_topics_and_a_type_and_shares_the_link(client, library):
    # The visitor opens the library and ticks two topics and one type in the filter form.
    form = soup(client.get(library.url)).select_one("form.library__filters")
    assert form["method"] == "get"
    chosen = [
        ("topic", "community-engagement"),
        ("topic", "data-and-research"),
        ("type", "toolkit"),
    ]
    for name, value in chosen:
        box = form.find("input", attrs={"name": name, "value": value})
        assert box is not None and not box.has_attr("disabled"), value
    # Applying the form is a GET: the filtered view is an ordinary address.
    address = f"{form['action']}?{urlencode(chosen)}"
    response = client.get(address)
    assert response.status_code == 200
    titles = [
        collapse(h.get_text()) for h in soup(response).select(".library__results .card__title")
    ]
    expected = (
        english_resources()
        .live()
        .filter(
            resource_type__slug="toolkit",
            topics__slug__in=["community-engagement", "data-and-research"],
        )
        .distinct()
    )
    assert sorted(titles) == sorted(expected.values_list("title", flat=True))
    assert len(titles) >= 2
    chips = [collapse(a.get_text()) for a in soup(response).select("a.filter-chip")]
    assert chips == [
        "Remove Topic: Data and research ×",
        "Remove Topic: Community engagement ×",
        "Remove Type: Toolkit ×",
    ]
    # Someone else opening the shared address sees the same list.
    shared = Client().get(address)
    assert [
        collapse(h.get_text()) for h in soup(shared).select(".library__results .card__title")
    ] == titles


def test_spanish_library_filters_by_spanish_topics(client):
    library = ResourceIndexPage.objects.get(locale__language_code="es")
    response = client.get(library.url, {"topic": "politicas-y-leyes"})
    titles = [
        collapse(h.get_text()) for h in soup(response).select(".library__results .card__title")
    ]
    assert titles == ["Panorama de las oficinas estatales y locales de equidad"]


def test_partner_page_links_to_its_resources_in_the_library(client, library):
    partner = PartnerPage.objects.get(
        locale__language_code="en", slug="demo-partner-community-health-institute"
    )
    response = client.get(partner.url)
    link = soup(response).find("a", href=f"{library.url}?partner={partner.slug}")
    assert link is not None
    listed = client.get(link["href"])
    count = english_resources().live().filter(publisher_page=partner).count()
    heading = collapse(soup(listed).select_one("#results-heading").get_text())
    assert heading == f"{count} resources"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_featured_resource_shows_its_summary_once(client, language):
    slug = content.FEATURED_RESOURCES[0]["slug"]
    english = english_resources().get(slug=slug)
    resource = ResourcePage.objects.get(
        translation_key=english.translation_key, locale__language_code=language
    )
    page = soup(client.get(resource.url))
    assert collapse(page.select_one("main .lead").get_text()) == resource.summary
    assert collapse(page.find("main").get_text(" ")).count(resource.summary) == 1
