"""SQL queries per request, held to the site's budgets (about a quarter of what Wagtail's
own demo site needs), and listings that cost the same whatever the number of items.

Counted on the demo site with warm caches (the second of two requests) and the page cache off.
A failure lists the queries, so the one that crept in is easy to find."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.budgets.conftest import grow, listing, warm_queries

pytestmark = pytest.mark.usefixtures("seeded")

# The budgets: warm queries a visitor's request may cost.
BUDGETS = {
    "landing": 12,
    "library": 12,
    "library_facets": 12,
    "library_q": 12,
    "resource": 10,
    "partner": 10,
    "community": 10,
    "event": 8,
    "search": 12,
    "api_pages": 8,
}


@pytest.mark.parametrize("name", list(BUDGETS))
def test_warm_queries_within_budget(client, targets, name):
    url = targets[name]
    sql, _response = warm_queries(client, url)
    assert len(sql) <= BUDGETS[name], (
        f"{name} ({url}) made {len(sql)} queries; at most {BUDGETS[name]} allowed:\n{listing(sql)}"
    )


LISTINGS = ["library", "library_facets", "library_q", "partners", "community", "api_pages"]


def test_listings_cost_the_same_with_20_and_200_items(client, targets):
    """Cards come from a fixed number of queries (select_related, prefetch_related) and each
    facet from one aggregate query, so ten times the items is not ten times the queries."""
    grow(20)
    small = {}
    for name in LISTINGS:
        sql, response = warm_queries(client, targets[name])
        small[name] = (sql, shown(name, response))
    grow(200)
    for name in LISTINGS:
        sql, response = warm_queries(client, targets[name])
        before, after = small[name][1], shown(name, response)
        assert after > before, f"{name} listed {before} items, then {after}"
        assert len(sql) == len(small[name][0]), (
            f"{name} ({targets[name]}): {len(small[name][0])} queries with 20 items, {len(sql)} "
            f"with 200:\n{listing(sql)}"
        )


def shown(name, response):
    """How many items the listing holds (all its pages together), counted now: a listing whose
    markup came from the content cache never evaluated its queryset."""
    if name == "api_pages":
        return response.json()["meta"]["total_count"]
    if name == "partners":
        return len(response.context["partners"])
    if name == "community":
        upcoming = response.context["upcoming_events"]
        return len(upcoming) + response.context["past_events"].paginator.count
    return response.context["resources"].paginator.count


def full_text_searches(sql):
    """The queries that match words in the search index (SQLite's FTS5 or PostgreSQL's)."""
    return [query for query in sql if " MATCH " in query or " @@ " in query]


@pytest.mark.parametrize("narrowed", ["", "&type=resourcepage"])
def test_a_site_search_reads_the_index_once(client, targets, narrowed):
    """The first search after an edit reads the index once: every match's key and page type in
    order of relevance, from which come the counts per type and the page of results."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(targets["search"] + narrowed)
    assert response.status_code == 200
    assert response.context["search_results"], "the search finds something to show"
    searches = full_text_searches([query["sql"] for query in queries.captured_queries])
    assert len(searches) == 1, listing(searches)


def test_a_keyword_search_of_the_library_searches_the_index_once(client, targets):
    """The first visitor after an edit pays for every search of the index the library makes:
    one, for the ranked list; its number, its page and every facet's counts come from it."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(targets["library_q"])
    assert response.status_code == 200
    searches = full_text_searches([query["sql"] for query in queries.captured_queries])
    assert len(searches) == 1, listing(searches)
