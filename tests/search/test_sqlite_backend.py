"""The SQLite search backend (search/backends/sqlite.py) gives what Wagtail's gives, in queries
whose cost does not grow with the index: the full-text match drives every query, and relevance
is ranked once rather than re-matched for every result. SQLite only: PostgreSQL uses Wagtail's
own backend."""

from django.db import connection

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from resources.models import ResourcePage
from search.backends import ranked_pks

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text search only"),
]

QUERIES = ["equity", "health", "equity offices", "racial equity", "determinantes sociales"]


def querysets():
    return {
        "pages": Page.objects.live().filter(depth__gt=1),
        "resources": ResourcePage.objects.live(),
    }


@pytest.fixture
def backends():
    # Importable only when the database is SQLite.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    ours = get_search_backend()
    assert type(ours).__name__ == "RankedSQLiteSearchBackend"
    return ours, SQLiteSearchBackend({})


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("name", ["pages", "resources"])
def test_results_and_their_order_are_wagtails(backends, query, name):
    ours, wagtails = backends
    queryset = querysets()[name]
    expected = [page.pk for page in wagtails.search(query, queryset)]
    assert expected, "the seeded site should match every query"
    found = ours.search(query, queryset)
    assert ranked_pks(found) == expected
    assert [page.pk for page in found] == expected
    assert [page.pk for page in found[2:5]] == expected[2:5]
    assert found.count() == len(expected)


@pytest.mark.parametrize("query", QUERIES)
def test_unranked_results_and_scores_are_wagtails(backends, query):
    ours, wagtails = backends
    queryset = querysets()["pages"]
    unranked = {"order_by_relevance": False}
    assert [p.pk for p in ours.search(query, queryset, **unranked)] == [
        p.pk for p in wagtails.search(query, queryset, **unranked)
    ]
    scored = ours.search(query, queryset).annotate_score("score")
    expected = wagtails.search(query, queryset).annotate_score("score")
    assert [(p.pk, round(p.score, 6)) for p in scored[:5]] == [
        (p.pk, round(p.score, 6)) for p in expected[:5]
    ]


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def test_the_full_text_match_drives_the_ranking_query(backends):
    ours, _wagtails = backends
    found = ours.search("health", ResourcePage.objects.live())
    compiler = found.query_compiler
    ranking = compiler._ranked_object_ids(compiler.get_config(ours))
    steps = plan(ranking)
    # Wagtail's query starts from the index entries of the type and matches each one in turn.
    assert "VIRTUAL TABLE" in steps[0], steps
    assert not any("CORRELATED" in step for step in steps), steps


def test_a_page_of_ranked_results_scores_only_that_page(backends):
    ours, _wagtails = backends
    page = ours.search("health", ResourcePage.objects.live())[:3]
    sql = str(page.query_compiler.search(page.query_compiler.get_config(ours), 0, 3).query)
    assert "LIMIT 3" in sql
