"""A search costs a bounded number of database queries: the same with 20 or 200 matches."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from events.factories import EventPageFactory
from resources.factories import ResourcePageFactory
from search.results import RESULTS_PER_PAGE

SEARCH = "/en/search/"
# Measured on SQLite (base.html's menus and settings included): 10 for a later page, 16 for a
# search typed in (its hit is counted), 30 when nothing is found. Some headroom for the chrome.
MAX_QUERIES_PAGE = 15
MAX_QUERIES_NEW_SEARCH = 22
MAX_QUERIES_NOTHING_FOUND = 38


def count_queries(client, params, *, cached=False):
    """Queries for a search with the site's chrome cached, and the search's own counts and
    results computed (or, when `cached`, read from the cache as well)."""
    client.get(SEARCH, {**params, "q": "warm up"})  # saving pages empties the cached chrome
    if cached:
        client.get(SEARCH, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(queries), response


def add_resources(parent, count, start=0):
    for number in range(start, start + count):
        ResourcePageFactory(parent=parent, title=f"Capybara study {number}")


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_matches(client, resource_index, event_index):
    """Only the page of results shown is loaded (one query, plus one per page type on it);
    counts per type come from one grouped query. A search that loaded every match, or each
    result's specific page one by one, would grow from 20 to 200 matches."""
    EventPageFactory(parent=event_index, title="Capybara meeting")
    add_resources(resource_index, 19)
    for words in ("study", "meeting"):  # warm the per-process caches (content types, sites)
        client.get(SEARCH, {"q": words})

    params = {"q": "capybara", "page": 2}
    with_20, response = count_queries(client, params)
    assert response.context["search"].total == 20
    assert len(response.context["search_results"]) == RESULTS_PER_PAGE
    cached_20, _response = count_queries(client, params, cached=True)

    add_resources(resource_index, 180, start=19)
    with_200, response = count_queries(client, params)
    assert response.context["search"].total == 200
    assert len(response.context["search_results"]) == RESULTS_PER_PAGE
    cached_200, response = count_queries(client, params, cached=True)
    assert response.context["search"].total == 200

    assert with_200 == with_20
    assert with_200 <= MAX_QUERIES_PAGE
    # The counts per type and the page of results come from the cache: two queries fewer.
    assert cached_200 == cached_20 == with_20 - 2


@pytest.mark.django_db
def test_a_new_search_and_a_search_with_no_results_are_bounded_too(client, resource_index):
    """A search typed in also counts its hit (a few writes); one that finds nothing also looks
    for a spelling suggestion and the library and events pages."""
    add_resources(resource_index, 20)
    client.get(SEARCH, {"q": "capybara"})
    found, _response = count_queries(client, {"q": "capybara"})
    nothing, response = count_queries(client, {"q": "capybarra"})
    assert response.context["search"].total == 0
    assert found <= MAX_QUERIES_NEW_SEARCH
    assert nothing <= MAX_QUERIES_NOTHING_FOUND
