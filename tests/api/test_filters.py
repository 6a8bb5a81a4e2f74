"""The pages endpoint's filters: the library's facets with the library page's semantics,
keyword search, events to come or past, and languages."""

from django.http import QueryDict

import pytest

from resources.api import FILTER_PARAMETERS
from resources.models import Topic

LIBRARY_QUERIES = [
    "topic=policy",
    "topic=policy&topic=data",
    "topic=policy&resource_type=report",
    "resource_type=toolkit",
    "partner=partner-a",
    "partner=partner-a&partner=partner-b&year=2021",
    "year=2021",
    "year=2021&year=2022&topic=data",
    "topic=no-such-topic",
    "topic=no-such-topic&resource_type=toolkit",
    "year=1066",
]


def api_ids(get_json, query):
    data = get_json(f"/api/v2/pages/?type=resources.ResourcePage&limit=50&{query}")
    assert data["meta"]["total_count"] == len(data["items"])
    return {item["id"] for item in data["items"]}


def library_page_ids(index, query):
    """What the library page lists for the same choices (it calls `resource_type` `type`)."""
    api_params = QueryDict(query)
    params = QueryDict(mutable=True)
    for api_name, page_name in FILTER_PARAMETERS.items():
        params.setlist(page_name, api_params.getlist(api_name))
    return {page.pk for page in index.filter_resources(params)}


@pytest.mark.parametrize("query", LIBRARY_QUERIES)
def test_library_filters_match_the_library_page(get_json, library, query):
    assert api_ids(get_json, query) == library_page_ids(library["index"], query)


def test_library_filters_combine_or_within_and_across(get_json, library):
    assert api_ids(get_json, "topic=policy&topic=data") == {
        library["policy_report"].pk,
        library["policy_toolkit"].pk,
        library["data_video"].pk,
    }
    assert api_ids(get_json, "topic=policy&resource_type=report") == {library["policy_report"].pk}
    # A value that matches nothing is left out, as on the page, rather than emptying the list.
    assert len(api_ids(get_json, "topic=no-such-topic")) == 4


def test_search_finds_resources_and_survives_stray_punctuation(get_json, library):
    assert api_ids(get_json, "search=video") == {library["data_video"].pk}
    assert api_ids(get_json, "search=video&topic=data") == {library["data_video"].pk}
    assert api_ids(get_json, "search=video&topic=policy") == set()
    for awkward in ['"video', "video)", "*", "AND OR NOT", "%00", "%22%22%22"]:
        get_json(f"/api/v2/pages/?search={awkward}")


def test_when_splits_events_where_the_community_page_does(get_json, meetings):
    def titles(when):
        data = get_json(f"/api/v2/pages/?type=events.EventPage&when={when}")
        return [item["title"] for item in data["items"]]

    assert titles("upcoming") == ["Next meeting"]
    assert titles("past") == ["Last meeting"]


@pytest.fixture
def spanish_library(library, spanish, home_page):
    report = library["policy_report"]
    for page in (home_page, library["index"]):
        page.copy_for_translation(spanish).save_revision().publish()
    report_es = report.copy_for_translation(spanish)
    report_es.title = "Informe de política"
    report_es.save_revision().publish()
    policy = Topic.objects.get(slug="policy")
    policy_es = policy.copy_for_translation(spanish)
    policy_es.name, policy_es.slug = "Política", "politica"
    policy_es.save()
    return report_es


def test_locale_keeps_to_one_language(get_json, spanish_library, library):
    spanish = get_json("/api/v2/pages/?locale=es&limit=50")["items"]
    assert spanish
    assert {item["meta"]["locale"] for item in spanish} == {"es"}
    english = get_json("/api/v2/pages/?locale=en&limit=50")["items"]
    assert {item["meta"]["locale"] for item in english} == {"en"}
    assert spanish_library.pk not in {item["id"] for item in english}


def test_library_filters_read_slugs_in_the_requested_language(get_json, spanish_library):
    assert api_ids(get_json, "locale=es&topic=politica") == {spanish_library.pk}


def test_spanish_page_links_point_at_spanish_pages(get_json, spanish_library):
    data = get_json(f"/api/v2/pages/{spanish_library.pk}/")
    assert data["meta"]["locale"] == "es"
    assert data["meta"]["html_url"].endswith("/es/resources/policy-report/")
