"""Relevance on the CARE demo content (`seed_demo`), in English and Spanish.

Seeding takes a while, so the module seeds once inside a transaction rolled back at its end
(as tests/home/test_seed_demo.py does); each test runs in a savepoint on top of it."""

import pytest

EQUITY_OFFICES = "Overview of State and Local Equity Offices"
CEO_VIDEO = "CEO Action for Racial Equity Video: Social Determinants of Health"
COUNTY_HEALTH = "2023 County Health Rankings National Findings Report"
EQUITY_OFFICES_ES = "Panorama de las oficinas estatales y locales de equidad"
CEO_VIDEO_ES = "Video de CEO Action for Racial Equity: determinantes sociales de la salud"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def results(client, query, path="/en/search/"):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return list(response.context["search_results"])


def titles(client, query, path="/en/search/"):
    return [result.title for result in results(client, query, path)]


def languages(found):
    return {result.page.locale.language_code for result in found}


def test_equity_offices_finds_the_overview_first(client):
    assert titles(client, "equity offices")[0] == EQUITY_OFFICES


def test_social_determinants_finds_the_ceo_action_video(client):
    assert CEO_VIDEO in titles(client, "social determinants")[:3]


def test_civic_health_finds_the_county_health_rankings_report(client):
    assert COUNTY_HEALTH in titles(client, "civic health")[:3]


def test_a_spanish_search_finds_the_spanish_pages_only(client):
    found = results(client, "oficinas de equidad", path="/es/search/")
    assert found[0].title == EQUITY_OFFICES_ES
    assert EQUITY_OFFICES not in [result.title for result in found]
    assert languages(found) == {"es"}
    assert CEO_VIDEO_ES in titles(client, "determinantes sociales", path="/es/search/")[:3]


def test_an_english_search_leaves_out_the_spanish_pages(client):
    found = results(client, "equity offices")
    assert EQUITY_OFFICES_ES not in [result.title for result in found]
    assert languages(found) == {"en"}
    # The same words on the Spanish site find only Spanish pages (the partner's name, say).
    assert languages(results(client, "equity", path="/es/search/")) == {"es"}


def test_every_seeded_type_can_be_filtered(client):
    response = client.get("/en/search/", {"q": "equity"})
    facets = response.context["search"].facets
    assert {"resourcepage", "partnerpage"} <= {facet.key for facet in facets}
    for facet in facets:
        filtered = client.get("/en/search/", {"q": "equity", "type": facet.key})
        assert filtered.context["search_results"].paginator.count == facet.count
