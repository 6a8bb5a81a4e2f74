"""The partner directory's logos and descriptions, and what a partner page offers practitioners:
focus areas, a contact, key resources and the library filtered by the partner."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from home.factories import ImageFactory
from home.models import HomePageFeaturedPartner
from partners.factories import PartnerPageFactory
from partners.models import PARTNERS_PER_PAGE, PartnerPage, PartnerPickedResource
from resources.factories import ResourcePageFactory, TopicFactory
from tests.helpers import collapse, soup, visible_text

pytestmark = pytest.mark.django_db


def test_directory_shows_each_partner_as_an_article_headed_by_its_name(client, partner_index):
    PartnerPageFactory(
        parent=partner_index,
        title="Law Network",
        summary="Legal help for health departments.",
        logo=ImageFactory(description="Law Network logo"),
    )
    response = client.get(partner_index.url)
    card = soup(response).select_one(".partner-grid .partner-card")
    assert card.name == "article"
    assert collapse(card.find("h2").get_text()) == "Law Network"
    assert "Legal help for health departments." in collapse(card.get_text(" "))
    # The name is printed beside the logo: alt text would have it read twice.
    assert card.find("img")["alt"] == ""


def test_landing_logo_grid_names_each_partner_once_without_headingless_articles(
    client, home_page, partner_index
):
    partner = PartnerPageFactory(
        parent=partner_index, title="Law Network", logo=ImageFactory(description="Law Network")
    )
    home_page.partners_page = partner_index
    home_page.featured_partners.add(HomePageFeaturedPartner(partner=partner, sort_order=0))
    home_page.save()
    grid = soup(client.get("/en/")).select_one(".logo-grid")
    assert grid.find("article") is None
    card = grid.select_one(".partner-card")
    assert collapse(card.get_text(" ")) == "Law Network"
    assert card.find("img")["alt"] == ""


def test_partner_page_logo_beside_the_name_has_empty_alt_text(client, partner_index):
    partner = PartnerPageFactory(
        parent=partner_index, title="Law Network", logo=ImageFactory(description="Law Network")
    )
    header = soup(client.get(partner.url)).select_one(".partner-header")
    assert collapse(header.find("h1").get_text()) == "Law Network"
    assert header.find("img")["alt"] == ""


def test_landing_page_shows_the_chosen_partners_as_the_directory_does(
    client, home_page, partner_index
):
    partners = [
        PartnerPageFactory(
            parent=partner_index, logo=ImageFactory(description=f"Partner {number} logo")
        )
        for number in range(3)
    ]
    partners.append(PartnerPageFactory(parent=partner_index, title="Draft partner", live=False))
    home_page.partners_page = partner_index
    for order, partner in enumerate(partners):
        home_page.featured_partners.add(HomePageFeaturedPartner(partner=partner, sort_order=order))
    home_page.save()
    on_directory = [
        a["href"] for a in soup(client.get(partner_index.url)).select(".partner-card a")
    ]
    on_landing = [a["href"] for a in soup(client.get("/en/")).select(".partner-card a")]
    assert on_landing == on_directory
    assert len(on_directory) == 3


@pytest.fixture
def partner(partner_index, resource_index):
    partner = PartnerPageFactory(
        parent=partner_index,
        title="Law Network",
        slug="lawnet",
        contact_name="Technical assistance team",
        contact_email="help@lawnet.example.org",
    )
    partner.focus_areas.set(
        [
            TopicFactory(name="Policy and law", slug="policy", sort_order=1),
            TopicFactory(name="Civic health", slug="civic", sort_order=2),
        ]
    )
    partner.save_revision().publish()
    return PartnerPage.objects.get(pk=partner.pk)


def test_partner_page_shows_focus_areas_linked_to_the_library(client, partner, resource_index):
    response = client.get(partner.url)
    links = {collapse(a.get_text()): a["href"] for a in soup(response).find_all("a")}
    assert links["Policy and law (resources on this topic)"] == f"{resource_index.url}?topic=policy"
    assert links["Civic health (resources on this topic)"] == f"{resource_index.url}?topic=civic"


def test_partner_page_shows_the_contact(client, partner):
    response = client.get(partner.url)
    assert "Technical assistance team" in visible_text(response)
    assert soup(response).find("a", href="mailto:help@lawnet.example.org") is not None


def test_partner_page_links_to_the_library_filtered_by_the_partner(client, partner, resource_index):
    ResourcePageFactory(
        parent=resource_index,
        title="Their toolkit",
        publisher_page=partner,
        publication_date=datetime.date(2023, 1, 1),
    )
    ResourcePageFactory(parent=resource_index, title="Someone else's")
    response = client.get(partner.url)
    link = soup(response).find("a", string=lambda s: s and "All resources from" in s)
    assert link["href"] == f"{resource_index.url}?partner=lawnet"
    library = client.get(link["href"])
    titles = [collapse(h.get_text()) for h in soup(library).select(".card__title")]
    assert titles == ["Their toolkit"]


def test_no_library_link_when_the_partner_published_nothing(client, partner, resource_index):
    picked = ResourcePageFactory(parent=resource_index, title="Picked")
    partner.picked_resources.add(PartnerPickedResource(resource=picked, sort_order=0))
    partner.picked_resources.add(PartnerPickedResource(resource=picked, sort_order=1))
    partner.save()
    assert [page.pk for page in PartnerPage.objects.get(pk=partner.pk).key_resources] == [
        picked.pk
    ]  # picked twice, listed once
    response = client.get(partner.url)
    assert "Picked" in visible_text(response)
    assert "All resources from" not in visible_text(response)


def test_key_resource_cards_show_their_topics(client, partner, resource_index):
    ResourcePageFactory(
        parent=resource_index,
        publisher_page=partner,
        topics=[TopicFactory(name="Data and research", slug="data")],
    )
    card = soup(client.get(partner.url)).select_one("#key-resources-heading ~ ul .card")
    assert "Data and research" in collapse(card.get_text(" "))
    # Introduced by text a screen reader reads, not by an aria-label on the plain list.
    tags = card.select_one(".card__tags")
    assert not tags.has_attr("aria-label")
    assert (
        collapse(tags.find_previous_sibling("p", class_="visually-hidden").get_text()) == "Topics"
    )


def test_key_resources_query_count_does_not_grow(
    client, partner, resource_index, django_assert_max_num_queries
):
    """Key resources are cards with topics: fetched with their relations in a fixed number of
    queries, not one per card."""
    topic = TopicFactory(name="Data", slug="data")
    ResourcePageFactory(parent=resource_index, publisher_page=partner, topics=[topic])
    pick = ResourcePageFactory(parent=resource_index, topics=[topic])
    partner.picked_resources.add(PartnerPickedResource(resource=pick, sort_order=0))
    partner.save()
    client.get(partner.url)
    with CaptureQueriesContext(connection) as baseline:
        client.get(partner.url)
    baseline_count = len(baseline)
    for _ in range(4):
        ResourcePageFactory(parent=resource_index, publisher_page=partner, topics=[topic])
        pick = ResourcePageFactory(parent=resource_index, topics=[topic])
        partner.picked_resources.add(PartnerPickedResource(resource=pick, sort_order=0))
    partner.save()
    client.get(partner.url)  # saving pages empties the cached navigation and footer
    with django_assert_max_num_queries(baseline_count):
        response = client.get(partner.url)
    assert len(response.context["page"].key_resources) == 10


def test_admin_creates_a_partner_with_focus_areas_and_contact(page_asserts, partner_index):
    topic = TopicFactory(name="Policy and law", slug="policy")
    data = nested_form_data(
        {
            "title": "Health Org",
            "slug": "health-org",
            "description": rich_text("<p>Research on community health.</p>"),
            "website": "https://health.example.org/",
            "contact_name": "Ana",
            "contact_email": "ana@health.example.org",
            "picked_resources": inline_formset([]),
        }
    )
    data["focus_areas"] = [topic.pk]
    page_asserts.assertCanCreate(partner_index, PartnerPage, data)
    partner = PartnerPage.objects.get(slug="health-org")
    assert [topic.name for topic in partner.focus_areas.all()] == ["Policy and law"]
    assert (partner.contact_name, partner.contact_email) == ("Ana", "ana@health.example.org")


def test_translated_partner_gets_the_translated_focus_areas(partner, spanish):
    for topic in partner.focus_areas.all():
        translated = topic.copy_for_translation(spanish)
        translated.name = f"{topic.name} (es)"
        translated.slug = f"{topic.slug}-es"
        translated.save()
    partner.get_parent().get_parent().copy_for_translation(spanish).save_revision().publish()
    partner.get_parent().copy_for_translation(spanish).save_revision().publish()
    translation = partner.copy_for_translation(spanish)
    translation.save_revision().publish()
    translation = PartnerPage.objects.get(pk=translation.pk)
    focus_areas = [topic.name for topic in translation.focus_areas.all()]
    assert focus_areas == ["Policy and law (es)", "Civic health (es)"]


def test_a_long_directory_is_read_a_page_at_a_time(client, partner_index):
    for number in range(PARTNERS_PER_PAGE + 6):
        PartnerPageFactory(parent=partner_index, title=f"Partner {number:02d}")

    first = soup(client.get(partner_index.url))
    names = [heading.get_text(strip=True) for heading in first.select(".partner-card h2")]
    assert names == [f"Partner {number:02d}" for number in range(PARTNERS_PER_PAGE)]
    navigation = first.find("nav", attrs={"aria-label": "Partner directory pages"})
    assert "Page 1 of 2" in navigation.get_text(" ")
    next_page = navigation.find("a", rel="next")["href"]
    assert next_page == "?page=2"

    second = soup(client.get(partner_index.url + next_page))
    names = [heading.get_text(strip=True) for heading in second.select(".partner-card h2")]
    assert names == [f"Partner {number:02d}" for number in range(PARTNERS_PER_PAGE, 30)]
    beyond = soup(client.get(partner_index.url + "?page=99"))
    assert len(beyond.select(".partner-card")) == 6
