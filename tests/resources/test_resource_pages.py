"""The resource library: tree rules, creating resources in the admin, the rule that every
resource can be reached, and what the library and a resource look like to visitors."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from events.models import EventIndexPage
from home.factories import DocumentFactory
from home.models import HomePage, StandardPage
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from partners.models import PartnerIndexPage
from resources.factories import (
    ResourcePageFactory,
    ResourceTypeFactory,
    TopicFactory,
)
from resources.models import RESOURCES_PER_PAGE, ResourceIndexPage, ResourcePage
from tests.helpers import collapse, soup, visible_text

# Tree rules ---------------------------------------------------------------------------------


def test_resource_library_lives_under_the_landing_page(page_asserts):
    page_asserts.assertAllowedParentPageTypes(ResourceIndexPage, {HomePage})
    page_asserts.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
    for parent in (StandardPage, PartnerIndexPage, EventIndexPage, ResourceIndexPage):
        page_asserts.assertCanNotCreateAt(parent, ResourceIndexPage)


def test_resources_live_only_in_the_library(page_asserts):
    page_asserts.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
    page_asserts.assertAllowedSubpageTypes(ResourcePage, set())
    page_asserts.assertCanCreateAt(ResourceIndexPage, ResourcePage)
    page_asserts.assertCanNotCreateAt(HomePage, ResourcePage)
    page_asserts.assertCanNotCreateAt(StandardPage, ResourcePage)


# Creating in the admin ------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_creates_the_resource_library(page_asserts, home_page):
    page_asserts.assertCanCreate(
        home_page,
        ResourceIndexPage,
        nested_form_data(
            {
                "title": "Resources",
                "slug": "resources",
                "intro": rich_text("<p>Essential resources to inform your work.</p>"),
            }
        ),
    )
    library = ResourceIndexPage.objects.child_of(home_page).get()
    assert "Essential resources to inform your work." in library.intro
    home_page.refresh_from_db()
    assert not ResourceIndexPage.can_create_at(home_page)


@pytest.mark.django_db
def test_admin_creates_a_resource_with_all_its_details(page_asserts, resource_index):
    partner = PartnerPageFactory(
        parent=PartnerIndexPageFactory(parent=resource_index.get_parent()),
        title="Network for Public Health Law",
    )
    report = ResourceTypeFactory(name="Report", slug="report")
    policy = TopicFactory(name="Policy and law", slug="policy-and-law")
    data = nested_form_data(
        {
            "title": "Overview of State and Local Equity Offices",
            "slug": "equity-offices",
            "summary": "Examples of city and county equity offices in twelve states.",
            "external_url": "https://www.networkforphl.org/resources/",
            "publisher_page": partner.pk,
            "publisher_name": "",
            "publication_date": "2023-03-01",
            "resource_type": report.pk,
            "body": streamfield([("paragraph", rich_text("<p>Includes a linked form.</p>"))]),
        }
    )
    data["topics"] = [policy.pk]  # a multiple choice: a list, not flattened
    page_asserts.assertCanCreate(resource_index, ResourcePage, data)
    page = ResourcePage.objects.child_of(resource_index).get(slug="equity-offices")
    assert page.live
    assert page.publisher == "Network for Public Health Law"
    assert page.publication_date == datetime.date(2023, 3, 1)
    assert page.resource_type.name == "Report"
    assert [topic.name for topic in page.topics.all()] == ["Policy and law"]
    assert page.link_url == "https://www.networkforphl.org/resources/"


@pytest.mark.django_db
def test_admin_creates_a_resource_from_an_uploaded_document(page_asserts, resource_index):
    document = DocumentFactory(title="Findings report")
    data = nested_form_data(
        {
            "title": "2023 National Findings",
            "slug": "findings",
            "external_url": "",
            "document": document.pk,
            "body": streamfield([]),
        }
    )
    page_asserts.assertCanCreate(resource_index, ResourcePage, data)
    page = ResourcePage.objects.get(slug="findings")
    assert page.is_download
    assert page.link_url == document.url


@pytest.mark.django_db
def test_admin_refuses_a_resource_visitors_cannot_reach(admin_client, resource_index):
    url = reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", resource_index.pk])
    data = nested_form_data(
        {
            "title": "Nowhere to be found",
            "slug": "nowhere",
            "external_url": "",
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "external_url" in errors
    assert "document" in errors
    assert not ResourcePage.objects.filter(slug="nowhere").exists()


# Model rules ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_resource_needs_a_web_address_or_a_document(resource_index):
    page = ResourcePageFactory.build(external_url="", document=None)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"external_url", "document"}


@pytest.mark.django_db
def test_resource_with_a_web_address_or_a_document_is_valid(resource_index):
    ResourcePageFactory.build(external_url="https://example.org/report").clean()
    ResourcePageFactory.build(external_url="", document=DocumentFactory()).clean()


@pytest.mark.django_db
def test_document_wins_over_the_web_address(resource_index):
    document = DocumentFactory()
    page = ResourcePageFactory(
        parent=resource_index, external_url="https://example.org/x", document=document
    )
    assert page.link_url == document.url
    assert page.is_download


@pytest.mark.django_db
def test_publisher_is_the_partner_or_the_name_given(resource_index):
    partner_index = PartnerIndexPageFactory(parent=resource_index.get_parent())
    partner = PartnerPageFactory(parent=partner_index, title="CEO Action")
    by_partner = ResourcePageFactory(
        parent=resource_index, publisher_page=partner, publisher_name=""
    )
    by_name = ResourcePageFactory(parent=resource_index, publisher_name="County Health Rankings")
    assert by_partner.publisher == "CEO Action"
    assert by_name.publisher == "County Health Rankings"


# What visitors see ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_resource_page_shows_its_details_and_link(client, resource_index):
    page = ResourcePageFactory(
        parent=resource_index,
        title="CEO Action for Racial Equity Video: Social Determinants of Health",
        summary="Learn how the social determinants of health shape how we survive and thrive.",
        external_url="https://www.ceoaction.com/",
        publisher_name="CEO Action for Racial Equity",
        publication_date=datetime.date(2022, 6, 1),
        resource_type=ResourceTypeFactory(name="Video", slug="video"),
        topics=[TopicFactory(name="Social determinants of health", slug="sdoh")],
        body=[("paragraph", "<p>A five-minute explainer.</p>")],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    text = visible_text(response)
    for expected in [
        "CEO Action for Racial Equity Video: Social Determinants of Health",
        "Learn how the social determinants of health shape how we survive and thrive.",
        "CEO Action for Racial Equity",
        "June 1, 2022",
        "Video",
        "Social determinants of health",
        "A five-minute explainer.",
    ]:
        assert expected in text, expected
    assert soup(response).find("a", href="https://www.ceoaction.com/") is not None


@pytest.mark.django_db
def test_resource_page_offers_the_document_download(client, resource_index):
    document = DocumentFactory(title="Findings")
    page = ResourcePageFactory(parent=resource_index, external_url="", document=document)
    response = client.get(page.url)
    assert response.status_code == 200
    link = soup(response).find("a", href=document.url)
    assert link is not None
    assert "Download" in collapse(link.get_text())
    assert client.get(document.url).status_code == 200


@pytest.mark.django_db
def test_resource_page_links_its_partner_publisher(client, resource_index):
    partner = PartnerPageFactory(
        parent=PartnerIndexPageFactory(parent=resource_index.get_parent()),
        title="Network for Public Health Law",
    )
    page = ResourcePageFactory(parent=resource_index, publisher_page=partner)
    link = soup(client.get(page.url)).find("a", href=partner.url)
    assert link is not None
    assert collapse(link.get_text()) == "Network for Public Health Law"


@pytest.mark.django_db
def test_library_lists_live_resources_newest_first(client, resource_index):
    ResourcePageFactory(
        parent=resource_index, title="Older report", publication_date=datetime.date(2021, 5, 1)
    )
    ResourcePageFactory(
        parent=resource_index, title="Newest report", publication_date=datetime.date(2023, 3, 29)
    )
    ResourcePageFactory(
        parent=resource_index,
        title="Unpublished draft",
        publication_date=datetime.date(2024, 1, 1),
        live=False,
    )
    response = client.get(resource_index.url)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Resources to inform your work." in text
    assert text.index("Newest report") < text.index("Older report")
    assert "Unpublished draft" not in text
    assert [page.title for page in response.context["resources"]] == [
        "Newest report",
        "Older report",
    ]


@pytest.mark.django_db
def test_library_says_when_it_is_empty(client, resource_index):
    response = client.get(resource_index.url)
    assert response.status_code == 200
    assert "There are no resources here yet." in visible_text(response)


@pytest.mark.django_db
def test_library_paginates(client, resource_index):
    resources = [
        ResourcePageFactory(
            parent=resource_index,
            title=f"Resource number {number:02d}",
            publication_date=datetime.date(2023, 1, 1) - datetime.timedelta(days=number),
        )
        for number in range(RESOURCES_PER_PAGE + 1)
    ]
    first = client.get(resource_index.url)
    assert len(first.context["resources"]) == RESOURCES_PER_PAGE
    assert resources[-1].title not in visible_text(first)

    second = client.get(resource_index.url, {"page": 2})
    assert second.status_code == 200
    assert [page.title for page in second.context["resources"]] == [resources[-1].title]

    # Nonsense page numbers fall back to a real page instead of an error.
    assert client.get(resource_index.url, {"page": "abc"}).context["resources"].number == 1
    assert client.get(resource_index.url, {"page": 999}).context["resources"].number == 2


@pytest.mark.django_db
def test_library_queries_do_not_grow_with_the_number_of_resources(
    client, resource_index, django_assert_max_num_queries
):
    """The library lists a page of resources with their type, publisher and topics. Each of
    those must come from a bounded number of queries (select_related/prefetch_related), or
    every resource added makes the page slower (an N+1 query)."""
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=resource_index.get_parent()))
    topic = TopicFactory()
    ResourcePageFactory(parent=resource_index, publisher_page=partner, topics=[topic])
    client.get(resource_index.url)
    with CaptureQueriesContext(connection) as baseline:
        client.get(resource_index.url)
    baseline_count = len(baseline)  # read now: the next request clears the query log
    for _ in range(6):
        ResourcePageFactory(parent=resource_index, publisher_page=partner, topics=[topic])
    client.get(resource_index.url)
    with django_assert_max_num_queries(baseline_count):
        response = client.get(resource_index.url)
    assert len(response.context["resources"]) == 7
