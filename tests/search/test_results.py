"""What a search shows: type, title and summary with the words marked, dates, the type filter
with counts, pagination, editors' promoted results first, and a helpful page when nothing
matched."""

import datetime

from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from events.factories import EventPageFactory
from home.factories import StandardPageFactory
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory
from search.results import RESULTS_PER_PAGE
from tests.helpers import soup, visible_text

SEARCH = "/en/search/"
pytestmark = pytest.mark.django_db


def result_items(response):
    return soup(response).select("li.search-result")


def titles(response):
    return [result.title for result in response.context["search_results"]]


def test_a_result_shows_its_type_title_summary_and_date(client, resource_index):
    resource = ResourcePageFactory(
        parent=resource_index,
        title="Overview of State and Local Equity Offices",
        summary="Examples of city and county equity offices in twelve states.",
        publication_date=datetime.date(2023, 5, 4),
    )
    item = result_items(client.get(SEARCH, {"q": "equity offices"}))[0]
    assert item.select_one(".search-result__type").get_text(strip=True) == "Resource · Report"
    link = item.select_one(".search-result__title a")
    assert link["href"] == resource.url
    assert [mark.get_text() for mark in link.find_all("mark")] == ["Equity", "Offices"]
    summary = item.select_one(".search-result__summary")
    assert [mark.get_text() for mark in summary.find_all("mark")] == ["equity", "offices"]
    assert item.select_one(".search-result__date time")["datetime"] == "2023-05-04"
    assert "Published: May 4, 2023" in visible_text(str(item))


def test_an_event_shows_when_it_happens(client, event_index):
    start = timezone.make_aware(datetime.datetime(2031, 3, 24, 15, 0))
    EventPageFactory(parent=event_index, title="Peer learning on equity offices", start=start)
    item = result_items(client.get(SEARCH, {"q": "equity offices"}))[0]
    assert item.select_one(".search-result__type").get_text(strip=True) == "Meeting"
    assert item.select_one("time")["datetime"].startswith("2031-03-24T15:00:00")


def test_summaries_are_escaped_and_only_marks_are_markup(client, resource_index):
    ResourcePageFactory(
        parent=resource_index,
        title="Equity script",
        summary='<script>alert("x")</script> <b>equity</b> & more',
    )
    response = client.get(SEARCH, {"q": "equity script"})
    summary = soup(response).select_one(".search-result__summary")
    assert summary.find("script") is None and summary.find("b") is None
    assert {tag.name for tag in summary.find_all(True)} == {"mark"}
    assert "<mark>script</mark>&gt;alert" in str(summary)
    assert 'alert("x")' in summary.get_text()


def test_pages_of_every_type_are_found(
    client, home_page, resource_index, partner_index, event_index
):
    ResourcePageFactory(parent=resource_index, title="Zebra resource")
    PartnerPageFactory(parent=partner_index, title="Zebra partner")
    EventPageFactory(parent=event_index, title="Zebra meeting")
    StandardPageFactory(parent=home_page, title="Zebra about page")
    found = set(titles(client.get(SEARCH, {"q": "zebra"})))
    assert found == {"Zebra resource", "Zebra partner", "Zebra meeting", "Zebra about page"}


def test_resources_are_found_by_body_topics_and_type(client, resource_index):
    from resources.factories import ResourceTypeFactory, TopicFactory

    ResourcePageFactory(
        parent=resource_index,
        title="First",
        body=[("paragraph", "<p>Participatory budgeting in practice.</p>")],
    )
    ResourcePageFactory(
        parent=resource_index, title="Second", topics=[TopicFactory(name="Housing justice")]
    )
    ResourcePageFactory(
        parent=resource_index, title="Third", resource_type=ResourceTypeFactory(name="Podcast")
    )
    assert titles(client.get(SEARCH, {"q": "participatory budgeting"})) == ["First"]
    assert titles(client.get(SEARCH, {"q": "housing justice"})) == ["Second"]
    assert titles(client.get(SEARCH, {"q": "podcast"})) == ["Third"]


def test_resources_are_found_by_their_publisher_partner(client, resource_index, partner_index):
    """Relies on `index.RelatedFields("publisher_page", [SearchField("name_as_publisher")])`
    in ResourcePage.search_fields (resources app)."""
    partner = PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    ResourcePageFactory(parent=resource_index, title="Offices overview", publisher_page=partner)
    found = titles(client.get(SEARCH, {"q": "network public health law"}))
    assert "Offices overview" in found


def test_title_matches_come_before_body_matches(client, resource_index):
    ResourcePageFactory(
        parent=resource_index,
        title="A report",
        summary="Mentions tamarind once, in passing.",
    )
    ResourcePageFactory(parent=resource_index, title="Tamarind", summary="About fruit.")
    assert titles(client.get(SEARCH, {"q": "tamarind"})) == ["Tamarind", "A report"]


def test_filter_by_type_with_counts(client, resource_index, event_index):
    for number in range(3):
        ResourcePageFactory(parent=resource_index, title=f"Walrus study {number}")
    EventPageFactory(parent=event_index, title="Walrus meeting")
    response = client.get(SEARCH, {"q": "walrus"})
    facets = {facet.key: facet.count for facet in response.context["search"].facets}
    assert facets == {"resourcepage": 3, "eventpage": 1}
    links = soup(response).select(".search-filter a")
    assert [" ".join(link.get_text().split()) for link in links] == [
        "All types (4)",
        "Resource (3)",
        "Meeting (1)",
    ]
    assert links[0]["aria-current"] == "true"

    filtered = client.get(SEARCH, {"q": "walrus", "type": "eventpage"})
    assert titles(filtered) == ["Walrus meeting"]
    assert "4 results for “walrus”" in visible_text(filtered)
    current = soup(filtered).select_one('.search-filter a[aria-current="true"]')
    assert "Meeting" in current.get_text()


def test_an_unknown_type_shows_everything(client, resource_index):
    ResourcePageFactory(parent=resource_index, title="Walrus study")
    for bad in ("nonsense", "page", "wagtailcore.page", "<script>"):
        response = client.get(SEARCH, {"q": "walrus", "type": bad})
        assert response.status_code == 200
        assert titles(response) == ["Walrus study"]


def test_results_are_paginated_and_counted(client, resource_index):
    for number in range(RESULTS_PER_PAGE + 3):
        ResourcePageFactory(parent=resource_index, title=f"Narwhal study {number}")
    first = client.get(SEARCH, {"q": "narwhal"})
    assert len(titles(first)) == RESULTS_PER_PAGE
    assert f"{RESULTS_PER_PAGE + 3} results for “narwhal”" in visible_text(first)
    assert soup(first).select_one('nav.pagination a[rel="next"]')["href"] == "?q=narwhal&page=2"
    second = client.get(SEARCH, {"q": "narwhal", "page": 2})
    assert len(titles(second)) == 3
    assert soup(second).select_one("ol.search-results__list")["start"] == str(RESULTS_PER_PAGE + 1)
    assert not set(titles(first)) & set(titles(second))


def promote(query_string, page=None, **kwargs):
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, **kwargs)


def test_promoted_results_come_first_and_only_once(client, resource_index, partner_index):
    ResourcePageFactory(parent=resource_index, title="Zinnia offices: a long zinnia study")
    partner = PartnerPageFactory(
        parent=partner_index, title="Network for Public Health Law", summary="Zinnia law."
    )
    promote("Zinnia", page=partner, description="Our partner for legal questions.", sort_order=0)
    promote(
        "zinnia",
        external_link_url="https://example.org/zinnia",
        external_link_text="Zinnia elsewhere",
        sort_order=1,
    )
    response = client.get(SEARCH, {"q": "ZINNIA"})
    # The partner matches the search too, but is shown once, as the promoted result.
    assert titles(response) == [
        "Network for Public Health Law",
        "Zinnia elsewhere",
        "Zinnia offices: a long zinnia study",
    ]
    items = result_items(response)
    assert "Recommended" in items[0].get_text() and "Recommended" in items[1].get_text()
    assert "Recommended" not in items[2].get_text()
    assert "Our partner for legal questions." in items[0].get_text()
    assert items[1].select_one("a")["href"] == "https://example.org/zinnia"
    assert "3 results for “ZINNIA”" in visible_text(response)
    facets = {facet.key: facet.count for facet in response.context["search"].facets}
    assert facets == {"partnerpage": 1, "resourcepage": 1}
    only_partners = client.get(SEARCH, {"q": "zinnia", "type": "partnerpage"})
    assert titles(only_partners) == ["Network for Public Health Law"]


def test_promotions_match_what_was_typed_and_its_plain_words(client, resource_index):
    resource = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    promote("covid-19!", page=resource)
    promote("covid 19", page=resource)
    promote("covid 19", external_link_url="https://example.org/c", external_link_text="Elsewhere")
    response = client.get(SEARCH, {"q": "  COVID-19! "})
    assert titles(response) == ["Equity offices overview", "Elsewhere"]


def test_promoted_pages_appear_in_the_visitors_language(client, resource_index, spanish):
    resource = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    translation = resource.copy_for_translation(spanish, copy_parents=True)
    translation.title = "Panorama de las oficinas de equidad"
    translation.save_revision().publish()
    promote("oficinas", page=resource)
    assert titles(client.get("/es/search/", {"q": "oficinas"})) == [
        "Panorama de las oficinas de equidad"
    ]


def test_unpublished_promoted_pages_are_left_out(client, resource_index):
    resource = ResourcePageFactory(parent=resource_index, title="Withdrawn equity study")
    promote("withdrawn", page=resource)
    resource.unpublish()
    response = client.get(SEARCH, {"q": "withdrawn"})
    assert titles(response) == []


def test_no_results_offers_a_spelling_hint_and_the_library_and_events(
    client, resource_index, event_index
):
    ResourcePageFactory(parent=resource_index, title="Social Determinants of Health")
    response = client.get(SEARCH, {"q": "social detreminants"})
    assert titles(response) == []
    text = visible_text(response)
    assert "Nothing matched your search." in text
    hint = soup(response).select_one(".search-suggestion a")
    assert hint.get_text() == "social determinants"
    assert hint["href"] == "/en/search/?q=social%20determinants"
    links = {a.get_text(): a["href"] for a in soup(response).select(".search-start-pages a")}
    assert links == {resource_index.title: resource_index.url, event_index.title: event_index.url}


def test_no_spelling_hint_when_the_correction_finds_nothing_either(client, resource_index):
    response = client.get(SEARCH, {"q": "qwxzyv"})
    assert soup(response).select_one(".search-suggestion") is None
    assert response.context["suggestion"] is None


def test_results_pages_are_not_indexed_nor_shared_from_caches(client, home_page):
    response = client.get(SEARCH, {"q": "anything"})
    assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"]
    empty = client.get(SEARCH)
    assert empty["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("path", ["/en/", "/en/search/", "/es/"])
def test_the_header_search_box_is_labelled_on_every_page(client, home_page, spanish, path):
    if path == "/es/":
        home_page.copy_for_translation(spanish).save_revision().publish()
    response = client.get(path)
    assert response.status_code == 200
    form = soup(response).select_one("header form.header-search")
    assert form["role"] == "search" and form["aria-label"]
    field = form.select_one('input[name="q"]')
    label = form.select_one(f'label[for="{field["id"]}"]')
    assert label.get_text(strip=True)
    assert "visually-hidden" in label["class"]
    assert form["action"] == path[:3] + "/search/"


def test_cached_results_and_counts_follow_every_change(client, resource_index):
    """Counts per type and pages of results are cached until content changes."""
    first = ResourcePageFactory(parent=resource_index, title="Capybara study")
    response = client.get(SEARCH, {"q": "capybara"})
    assert titles(response) == ["Capybara study"]

    StandardPageFactory(parent=resource_index.get_parent(), title="Capybara care")
    response = client.get(SEARCH, {"q": "capybara"})
    assert sorted(titles(response)) == ["Capybara care", "Capybara study"]
    assert response.context["search"].total == 2

    first.unpublish()
    response = client.get(SEARCH, {"q": "capybara"})
    assert titles(response) == ["Capybara care"]
    assert [(facet.key, facet.count) for facet in response.context["search"].facets] == [
        ("page", 1)
    ]


def test_results_are_labelled_in_visitors_words_with_what_helps_choose(
    client, home_page, resource_index, partner_index, event_index
):
    partner = PartnerPageFactory(parent=partner_index, title="Okapi Health Network")
    ResourcePageFactory(parent=resource_index, title="Okapi report", publisher_page=partner)
    ResourcePageFactory(parent=resource_index, title="Okapi guide", publisher_name="Okapi Press")
    EventPageFactory(parent=event_index, title="Okapi meeting")
    StandardPageFactory(parent=home_page, title="About okapi")
    response = client.get(SEARCH, {"q": "okapi"})
    shown = {
        " ".join(item.select_one(".search-result__title").get_text().split()): visible_text(
            str(item)
        )
        for item in result_items(response)
    }
    assert shown["Okapi report"].startswith("Resource · Report Okapi report")
    assert "Publisher: Okapi Health Network" in shown["Okapi report"]
    assert "Publisher: Okapi Press" in shown["Okapi guide"]
    assert shown["Okapi meeting"].startswith("Meeting ")
    assert shown["Okapi Health Network"].startswith("Partner ")
    assert "1 resource in the library" in shown["Okapi Health Network"]
    assert shown["About okapi"].startswith("Page ")
    internal_names = ("Standard page", "Landing page", "Form page", "Event", "Community page")
    assert not any(text.startswith(internal_names) for text in shown.values())


def test_the_results_page_has_a_description_in_the_visitors_language(client, spanish_home):
    for path, words in [(SEARCH, "Search the resources"), ("/es/search/", "Busque los recursos")]:
        response = client.get(path, {"q": "equity"})
        description = soup(response).find("meta", attrs={"name": "description"})
        assert description["content"].startswith(words)
