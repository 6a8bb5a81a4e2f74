"""SQLite keeps no statistics for its planner: asked for pages of one type in one language, it
starts from the index of every page in that language and walks them all (thousands on a large
site) to find a few. No page's first request after an edit may plan a query that way; the
full-text search, which narrows its matches to a language's pages, is the one that must read
them. Plans depend on the schema and SQLite's rules, not on how much content there is, so the
demo site shows what a large one would do."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from care_site.base.locale import in_language
from resources.models import ResourceIndexPage

pytestmark = [
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]

PAGES = ["landing", "library", "library_facets", "resource", "partners", "partner"]
PAGES += ["community", "event", "form", "api_pages", "api_resource", "ics"]


def plan(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def walks_a_language(steps):
    return [step for step in steps if "wagtailcore_page_locale_id" in step and "rowid" not in step]


@pytest.mark.parametrize("name", PAGES)
def test_a_cold_page_walks_no_language(client, targets, name):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(targets[name]).status_code == 200
    walking = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and walks_a_language(plan(query["sql"]))
    ]
    assert not walking, "\n".join(walking)


def test_pages_of_one_type_in_a_language_start_from_their_own_rows(english):
    asked = ResourceIndexPage.objects.live().order_by("path")
    assert walks_a_language(plan(*asked.filter(locale=english).query.sql_with_params()))
    steps = plan(*in_language(asked, english.pk).query.sql_with_params())
    assert not walks_a_language(steps), steps
