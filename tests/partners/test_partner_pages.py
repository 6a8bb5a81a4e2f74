"""The partner directory: tree rules, creating partners in the admin, each partner's key
resources, and what visitors see."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from events.models import EventIndexPage
from home.factories import ImageFactory
from home.models import HomePage, StandardPage
from partners.factories import PartnerPageFactory
from partners.models import (
    NEWEST_RESOURCES_SHOWN,
    PartnerIndexPage,
    PartnerPage,
    PartnerPickedResource,
)
from resources.factories import ResourcePageFactory
from resources.models import ResourceIndexPage
from tests.helpers import collapse, soup, visible_text

# Tree rules ---------------------------------------------------------------------------------


def test_partner_directory_lives_under_the_landing_page(page_asserts):
    page_asserts.assertAllowedParentPageTypes(PartnerIndexPage, {HomePage})
    page_asserts.assertAllowedSubpageTypes(PartnerIndexPage, {PartnerPage})
    for parent in (StandardPage, ResourceIndexPage, EventIndexPage, PartnerIndexPage):
        page_asserts.assertCanNotCreateAt(parent, PartnerIndexPage)


def test_partners_live_only_in_the_directory(page_asserts):
    page_asserts.assertAllowedParentPageTypes(PartnerPage, {PartnerIndexPage})
    page_asserts.assertAllowedSubpageTypes(PartnerPage, set())
    page_asserts.assertCanNotCreateAt(HomePage, PartnerPage)
    page_asserts.assertCanNotCreateAt(ResourceIndexPage, PartnerPage)


@pytest.mark.django_db
def test_one_directory_per_landing_page(home_page, partner_index):
    home_page.refresh_from_db()
    assert not PartnerIndexPage.can_create_at(home_page)


# Creating in the admin ------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_creates_the_partner_directory(page_asserts, home_page):
    page_asserts.assertCanCreate(
        home_page,
        PartnerIndexPage,
        nested_form_data(
            {
                "title": "Collaborative Partners",
                "slug": "partners",
                "intro": rich_text("<p>The Collaborative's Core Partners.</p>"),
            }
        ),
    )
    directory = PartnerIndexPage.objects.child_of(home_page).get()
    assert "The Collaborative's Core Partners." in directory.intro


@pytest.mark.django_db
def test_admin_creates_a_partner_with_key_resources(page_asserts, partner_index, resource_index):
    logo = ImageFactory(description="Network for Public Health Law")
    first = ResourcePageFactory(parent=resource_index, title="Legal toolkit")
    second = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    data = nested_form_data(
        {
            "title": "Network for Public Health Law",
            "slug": "network-for-public-health-law",
            "logo": logo.pk,
            "description": rich_text("<p>Legal technical assistance on public health law.</p>"),
            "website": "https://www.networkforphl.org/",
            "picked_resources": inline_formset([{"resource": second.pk}, {"resource": first.pk}]),
        }
    )
    page_asserts.assertCanCreate(partner_index, PartnerPage, data)
    partner = PartnerPage.objects.child_of(partner_index).get()
    assert partner.logo == logo
    assert partner.website == "https://www.networkforphl.org/"
    assert [pick.resource_id for pick in partner.picked_resources.all()] == [second.pk, first.pk]


@pytest.mark.django_db
def test_admin_refuses_a_partner_without_a_description(admin_client, partner_index):
    url = reverse("wagtailadmin_pages:add", args=["partners", "partnerpage", partner_index.pk])
    data = nested_form_data(
        {
            "title": "Nameless",
            "slug": "nameless",
            "description": "null",  # what Draftail posts when the editor is left empty
            "picked_resources": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not PartnerPage.objects.filter(slug="nameless").exists()


# Key resources ------------------------------------------------------------------------------


def pick(partner, *resources):
    for order, resource in enumerate(resources):
        partner.picked_resources.add(PartnerPickedResource(resource=resource, sort_order=order))
    partner.save()


@pytest.mark.django_db
def test_key_resources_are_published_ones_newest_first_then_picks(partner_index, resource_index):
    partner = PartnerPageFactory(parent=partner_index)
    old = ResourcePageFactory(
        parent=resource_index, publisher_page=partner, publication_date=datetime.date(2020, 1, 1)
    )
    new = ResourcePageFactory(
        parent=resource_index, publisher_page=partner, publication_date=datetime.date(2023, 1, 1)
    )
    ResourcePageFactory(parent=resource_index, publisher_page=partner, live=False)
    picked_b = ResourcePageFactory(parent=resource_index, title="Picked B")
    picked_a = ResourcePageFactory(parent=resource_index, title="Picked A")
    picked_draft = ResourcePageFactory(parent=resource_index, live=False)
    ResourcePageFactory(parent=resource_index, title="Someone else's")
    # The editor also picks one the partner published: it must not appear twice.
    pick(partner, picked_b, old, picked_draft, picked_a)

    partner = PartnerPage.objects.get(pk=partner.pk)
    assert [page.pk for page in partner.key_resources] == [new.pk, old.pk, picked_b.pk, picked_a.pk]


@pytest.mark.django_db
def test_key_resources_show_the_newest_few_and_the_library_lists_all(
    client, partner_index, resource_index
):
    partner = PartnerPageFactory(parent=partner_index, slug="lawnet")
    published = [
        ResourcePageFactory(
            parent=resource_index,
            publisher_page=partner,
            publication_date=datetime.date(2015 + year, 1, 1),
        )
        for year in range(NEWEST_RESOURCES_SHOWN + 2)
    ]
    picked = ResourcePageFactory(parent=resource_index, title="Picked")
    pick(partner, picked, published[0])

    partner = PartnerPage.objects.get(pk=partner.pk)
    newest = [page.pk for page in reversed(published)][:NEWEST_RESOURCES_SHOWN]
    assert [page.pk for page in partner.key_resources] == [*newest, picked.pk, published[0].pk]
    page = soup(client.get(partner.url))
    assert page.select_one(f'a[href="{resource_index.url}?partner=lawnet"]')


@pytest.mark.django_db
def test_key_resources_empty_without_resources(partner_index):
    assert PartnerPageFactory(parent=partner_index).key_resources == []


# What visitors see ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_partner_page_shows_description_website_and_key_resources(
    client, partner_index, resource_index
):
    partner = PartnerPageFactory(
        parent=partner_index,
        title="Network for Public Health Law",
        description="<p>Legal technical assistance on <b>public health law</b>.</p>",
        website="https://www.networkforphl.org/",
        logo=ImageFactory(description="Network for Public Health Law logo"),
    )
    published = ResourcePageFactory(
        parent=resource_index, publisher_page=partner, title="Overview of Equity Offices"
    )
    picked = ResourcePageFactory(parent=resource_index, title="Picked guide")
    pick(partner, picked)

    response = client.get(partner.url)
    assert response.status_code == 200
    document = soup(response)
    assert collapse(document.find("h1").get_text()) == "Network for Public Health Law"
    text = visible_text(response)
    assert "Legal technical assistance on public health law." in text
    assert document.find("a", href="https://www.networkforphl.org/") is not None
    assert document.find("img") is not None
    hrefs = [a["href"] for a in document.find_all("a")]
    assert published.url in hrefs
    assert picked.url in hrefs
    assert text.index("Overview of Equity Offices") < text.index("Picked guide")


@pytest.mark.django_db
def test_directory_lists_live_partners_in_tree_order(client, partner_index):
    PartnerPageFactory(parent=partner_index, title="Zeta Health", summary="Second in the tree.")
    PartnerPageFactory(parent=partner_index, title="Alpha Equity", summary="Third in the tree.")
    PartnerPageFactory(parent=partner_index, title="Hidden Draft", live=False)
    response = client.get(partner_index.url)
    assert response.status_code == 200
    text = visible_text(response)
    assert "The Collaborative's Core Partners." in text
    assert text.index("Zeta Health") < text.index("Alpha Equity")
    assert "Second in the tree." in text
    assert "Hidden Draft" not in text


@pytest.mark.django_db
def test_directory_says_when_it_is_empty(client, partner_index):
    response = client.get(partner_index.url)
    assert response.status_code == 200
    assert "Partners will be listed here soon." in visible_text(response)


@pytest.mark.django_db
def test_directory_queries_do_not_grow_with_the_number_of_partners(
    client, partner_index, django_assert_max_num_queries
):
    """The directory shows every partner with its logo: logos must be fetched with the partners
    (select_related) rather than one query per partner, or the page slows with each partner.
    The first view builds logo renditions, so we count the second."""
    PartnerPageFactory(parent=partner_index, logo=ImageFactory())
    client.get(partner_index.url)
    with CaptureQueriesContext(connection) as baseline:
        client.get(partner_index.url)
    baseline_count = len(baseline)  # read now: the next request clears the query log
    for _ in range(5):
        PartnerPageFactory(parent=partner_index, logo=ImageFactory())
    client.get(partner_index.url)
    with django_assert_max_num_queries(baseline_count):
        response = client.get(partner_index.url)
    assert len(response.context["partners"]) == 6
