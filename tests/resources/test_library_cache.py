"""The library's counts, order and filter options are kept in the content cache: later pages
and other orders reuse them, and any change to what the library shows is seen at once."""

from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from resources.factories import ResourcePageFactory
from resources.models import RESOURCES_PER_PAGE, Topic
from tests.helpers import soup
from tests.resources.test_library_filters import facets, result_count, titles

pytestmark = pytest.mark.django_db


def counting_queries(client, url, params=None):
    """The response, and its queries that count over the library: an aggregate, or the read of
    the whole library, joined with its links to topics, that the facet counts come from."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    counting = [
        query["sql"]
        for query in queries.captured_queries
        if "GROUP BY" in query["sql"]
        or "COUNT(" in query["sql"]
        or 'LEFT OUTER JOIN "resources_resourcepage_topics"' in query["sql"]
    ]
    return response, counting


def test_a_view_is_counted_once_for_every_page_and_order(client, library, resource_index):
    ResourcePageFactory.create_batch(RESOURCES_PER_PAGE, parent=resource_index)
    first, counting = counting_queries(client, resource_index.url)
    assert counting, "the first view of the library counts it"

    for params in ({"page": 2}, {"sort": "title"}, {"sort": "oldest", "page": 2}):
        response, counting = counting_queries(client, resource_index.url, params)
        assert counting == [], f"{params} counted again"
        assert facets(response) == facets(first)
        assert result_count(response) == result_count(first)
        assert len(titles(response)) == (RESOURCES_PER_PAGE if "page" not in params else 6)


def test_other_views_count_from_the_library_read_once(client, library, resource_index):
    """After an edit, every filter and keyword search of the library needs the same read of
    the whole library: the first view makes it, the others count from it, and show what they
    would have shown had they been first."""
    _first, counting = counting_queries(client, resource_index.url)
    assert counting, "the first view of the library reads it"

    views = ({"type": "video"}, {"topic": "policy", "year": "2021"}, {"q": "report"})
    shown = {}
    for params in views:
        response, counting = counting_queries(client, resource_index.url, params)
        assert counting == [], f"{params} read the whole library again"
        shown[str(params)] = (facets(response), result_count(response), titles(response))

    for params in views:
        cache.clear()
        alone = client.get(resource_index.url, params)
        assert shown[str(params)] == (facets(alone), result_count(alone), titles(alone))


def test_pages_of_a_cached_view_follow_the_chosen_order(client, library, resource_index):
    assert titles(client.get(resource_index.url))[0] == "Alpha report"
    by_title = titles(client.get(resource_index.url, {"sort": "title"}))
    assert by_title == sorted(by_title)
    oldest = titles(client.get(resource_index.url, {"sort": "oldest"}))
    assert oldest[:2] == ["Delta video", "Epsilon tool"]


def test_a_new_resource_is_listed_and_counted_at_once(client, library, resource_index):
    before = client.get(resource_index.url)
    assert facets(before)["topic"]["policy"][0] == 3

    policy = Topic.objects.get(slug="policy")
    ResourcePageFactory(parent=resource_index, title="Omega brief", topics=[policy])

    after = client.get(resource_index.url)
    assert result_count(before) == "6 resources"
    assert result_count(after) == "7 resources"
    assert facets(after)["topic"]["policy"][0] == 4
    assert "Omega brief" in titles(after)


def test_an_unpublished_resource_leaves_every_cached_view(client, library, resource_index):
    for params in ({}, {"topic": "policy"}, {"q": "alpha"}):
        assert "Alpha report" in titles(client.get(resource_index.url, params))

    library["alpha"].unpublish()

    for params in ({}, {"topic": "policy"}, {"q": "alpha"}):
        assert "Alpha report" not in titles(client.get(resource_index.url, params))
    assert facets(client.get(resource_index.url))["topic"]["policy"][0] == 2


def test_a_private_resource_leaves_the_cached_list(client, library, resource_index):
    assert "Beta report" in titles(client.get(resource_index.url))
    PageViewRestriction.objects.create(
        page=library["beta"], restriction_type=PageViewRestriction.LOGIN
    )
    assert "Beta report" not in titles(client.get(resource_index.url))


def test_a_renamed_topic_is_shown_at_once(client, library, resource_index):
    client.get(resource_index.url)
    policy = Topic.objects.get(slug="policy")
    policy.name = "Law and policy"
    policy.save()
    labels = soup(client.get(resource_index.url)).select("fieldset.facet input[name=topic] + label")
    assert any(label.get_text().startswith("Law and policy") for label in labels)


def test_the_library_is_computed_when_the_cache_is_down(settings, library, resource_index):
    """Redis down: every value is computed, nothing fails."""
    settings.CACHES = {
        "default": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"}
    }
    view = resource_index.filter_resources(QueryDict("topic=policy&sort=title"))
    assert view.count == 3
    titles_by_name = [page.title for page in view]
    assert titles_by_name == ["Alpha report", "Beta report", "Epsilon tool"]
    topics = {option.value: option.count for option in view.facets[0].options}
    assert topics == {"policy": 3, "data": 2, "civic": 2, "unused": 0}
