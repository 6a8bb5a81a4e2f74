"""SQLite keeps no statistics for its planner: asked for pages of one type in one language, it
starts from the index of every page in that language, and asked for pages of one type in a
section of the tree, it reads every page, to find a few. No page's first request after an edit
may plan a query that way, except where the page needs them all: the library reads every
resource (most of the pages), the API's listing counts every page, and the full-text search
narrows its matches to a language's pages. Nor may it read every page below one to find the
few it wants at one depth (the menu: a landing page's children). Plans depend on the schema
and SQLite's rules, not on how much content there is, so the demo site shows what a large one
would do."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from care_site.base.locale import in_language
from resources.models import ResourceIndexPage
from tests.helpers import query_plan

pytestmark = [
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]

# Pages that need only a few of the site's pages, and those that read a whole library or site.
FEW = ["landing", "resource", "partners", "partner", "community", "event", "form", "ics"]
MANY = ["library", "library_facets", "api_pages", "api_resource"]


def walks_a_language(steps):
    return [step for step in steps if "wagtailcore_page_locale_id" in step and "rowid" not in step]


def reads_every_page(steps):
    return [step for step in steps if step == "SCAN wagtailcore_page"]


def reads_a_section(steps):
    """A range of tree paths on Wagtail's index of paths: every page below a page is read,
    where the query wants a few of them (its children, at one depth)."""
    return [step for step in steps if "wagtailcore_page_1 (path>? AND path<?)" in step]


def cold_plans(client, url):
    """{SQL: its plan} of each SELECT made by a request for `url` with nothing kept."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    selects = [query["sql"] for query in queries.captured_queries]
    return {sql: query_plan(sql) for sql in selects if sql.startswith("SELECT")}


@pytest.mark.parametrize("name", FEW + MANY)
def test_a_cold_page_walks_no_language(client, targets, name):
    walking = [
        sql for sql, steps in cold_plans(client, targets[name]).items() if walks_a_language(steps)
    ]
    assert not walking, "\n".join(walking)


@pytest.mark.parametrize("name", FEW)
def test_a_cold_page_reads_only_the_pages_it_shows(client, targets, name):
    reading = [
        sql for sql, steps in cold_plans(client, targets[name]).items() if reads_every_page(steps)
    ]
    assert not reading, "\n".join(reading)


@pytest.mark.parametrize("name", FEW + MANY)
def test_a_cold_page_reads_no_section_to_find_a_few_pages(client, targets, name):
    reading = [
        sql for sql, steps in cold_plans(client, targets[name]).items() if reads_a_section(steps)
    ]
    assert not reading, "\n".join(reading)


def test_pages_of_one_type_in_a_language_start_from_their_own_rows(english):
    asked = ResourceIndexPage.objects.live().order_by("path")
    assert walks_a_language(query_plan(*asked.filter(locale=english).query.sql_with_params()))
    steps = query_plan(*in_language(asked, english.pk).query.sql_with_params())
    assert not walks_a_language(steps), steps
