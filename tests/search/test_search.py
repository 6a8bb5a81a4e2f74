"""Site search at /<language>/search/: live pages in the visitor's language, never drafts."""

from wagtail.contrib.search_promotions.models import Query

import pytest

from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory
from search import stats
from search.results import RESULTS_PER_PAGE
from tests.helpers import soup, visible_text

SEARCH = "/en/search/"


def result_titles(response):
    return [page.title for page in response.context["search_results"]]


@pytest.mark.django_db
def test_finds_a_live_page_by_its_title(client, resource_index):
    resource = ResourcePageFactory(
        parent=resource_index, title="Overview of State and Local Equity Offices"
    )
    ResourcePageFactory(parent=resource_index, title="County Health Rankings")
    response = client.get(SEARCH, {"q": "equity offices"})
    assert response.status_code == 200
    assert result_titles(response) == ["Overview of State and Local Equity Offices"]
    assert soup(response).find("a", href=resource.url) is not None
    assert "1 result for “equity offices”" in visible_text(response)


@pytest.mark.django_db
def test_finds_a_page_by_its_summary(client, partner_index):
    PartnerPageFactory(
        parent=partner_index,
        title="Network for Public Health Law",
        summary="Legal technical assistance for practitioners.",
    )
    response = client.get(SEARCH, {"q": "technical assistance"})
    assert result_titles(response) == ["Network for Public Health Law"]


@pytest.mark.django_db
def test_drafts_are_not_found(client, resource_index):
    ResourcePageFactory(parent=resource_index, title="Unpublished equity draft", live=False)
    response = client.get(SEARCH, {"q": "unpublished equity draft"})
    assert response.status_code == 200
    assert result_titles(response) == []
    assert "Unpublished equity draft" not in visible_text(response)
    assert "Nothing matched your search." in visible_text(response)


@pytest.mark.django_db
def test_unpublishing_removes_a_page_from_results(client, resource_index):
    resource = ResourcePageFactory(parent=resource_index, title="Civic health report")
    assert result_titles(client.get(SEARCH, {"q": "civic health"})) == ["Civic health report"]
    resource.unpublish()
    assert result_titles(client.get(SEARCH, {"q": "civic health"})) == []


@pytest.mark.django_db
def test_english_search_leaves_out_spanish_pages(client, resource_index, spanish):
    resource = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    translation = resource.copy_for_translation(spanish, copy_parents=True)
    translation.title = "Equity offices overview (es)"
    translation.save_revision().publish()
    assert result_titles(client.get(SEARCH, {"q": "equity offices"})) == ["Equity offices overview"]
    assert result_titles(client.get("/es/search/", {"q": "equity offices"})) == [
        "Equity offices overview (es)"
    ]


@pytest.mark.django_db
def test_empty_query_shows_the_search_form(client, home_page):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        assert response.context["search_query"] == ""
        assert soup(response).find("input", attrs={"name": "q"}) is not None
    assert not Query.objects.exists()


@pytest.mark.django_db
def test_bad_page_numbers_fall_back_to_a_real_page(client, resource_index):
    for number in range(RESULTS_PER_PAGE + 1):
        ResourcePageFactory(parent=resource_index, title=f"Zebrafish study {number}")
    for page in ("abc", "", "-1", "999"):
        response = client.get(SEARCH, {"q": "zebrafish", "page": page})
        assert response.status_code == 200, page
        assert len(response.context["search_results"]) >= 1, page
    second = client.get(SEARCH, {"q": "zebrafish", "page": 2})
    assert second.context["search_results"].number == 2
    assert len(second.context["search_results"]) == 1


@pytest.mark.django_db
def test_page_parameter_without_query_is_harmless(client, home_page):
    assert client.get(SEARCH, {"page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_searches_are_counted_for_search_promotions(client, resource_index):
    client.get(SEARCH, {"q": "equity"})
    client.get(SEARCH, {"q": "  equity  "})
    stats.flush()
    assert Query.get("equity").hits == 2


@pytest.mark.django_db
def test_very_long_queries_are_cut(client, home_page):
    response = client.get(SEARCH, {"q": "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == 200
