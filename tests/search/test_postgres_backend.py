"""The PostgreSQL search backend (search/backends/postgres.py) against Wagtail's, which it
replaces: each page is searched in its own language, accents ignored; English searches find what
they found before. PostgreSQL only (SQLite: test_sqlite_backend.py)."""

from django.db import connection

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

import pytest

from resources.models import ResourcePage
from search.backends import ranked_pks_and_types

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search"),
]

COUNTY_HEALTH_ES = "Informe nacional de resultados de County Health Rankings 2023"
EQUITY_OFFICES_ES = "Panorama de las oficinas estatales y locales de equidad"


def wagtails():
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    return PostgresSearchBackend({})


def titles(backend, query, language):
    pages = Page.objects.live().filter(
        depth__gt=1, locale=Locale.objects.get(language_code=language)
    )
    return [page.title for page in backend.search(query, pages)]


def test_the_backend_is_ours():
    assert type(get_search_backend()).__name__ == "LanguagePostgresSearchBackend"


def test_spanish_typed_without_accents_finds_the_accented_words():
    ours = get_search_backend()
    for query in ["civica", "cívica", "participacion civica", "discriminacion"]:
        assert COUNTY_HEALTH_ES in titles(ours, query, "es"), query
    # Wagtail's read every language with one configuration that keeps accents.
    assert COUNTY_HEALTH_ES not in titles(wagtails(), "civica", "es")


def test_spanish_words_are_stemmed_as_spanish():
    ours = get_search_backend()
    assert EQUITY_OFFICES_ES in titles(ours, "oficina estatal", "es")
    # "en" is a Spanish stop word: not required of the pages found.
    assert titles(ours, "equidad en salud", "es") == titles(ours, "equidad salud", "es")


def test_english_searches_find_what_wagtails_found():
    ours = get_search_backend()
    for query in ["equity offices", "social determinants", "municipal offices", "health"]:
        assert sorted(titles(ours, query, "en")) == sorted(titles(wagtails(), query, "en")), query


def test_every_match_with_its_page_type_comes_in_the_order_of_the_results():
    """What site search counts and pages through: the same matches, in the same order, as the
    backend's own results, each with its page's type."""
    ours = get_search_backend()
    english = Locale.objects.get(language_code="en")
    pages = Page.objects.live().public().filter(depth__gt=1, locale=english)
    for query in ["health equity", "equity", "racism data", "zzzunfindable"]:
        found = ours.search(query, pages)
        expected = [(page.pk, page.content_type_id) for page in found]
        assert expected or query == "zzzunfindable", query
        assert ranked_pks_and_types(ours.search(query, pages)) == expected, query


def test_a_ranked_search_of_every_object_reads_only_the_index_in_wagtails_order():
    """Every resource matching, ranked from the index entries alone (the library's search),
    is what Wagtail's query through the resources finds, in its order, each with its type."""
    from django.test.utils import CaptureQueriesContext

    ours = get_search_backend()
    every = ResourcePage.objects.all()
    for query in ["health", "health equity", "salud", "civica"]:
        expected = [(page.pk, page.content_type_id) for page in ours.search(query, every)]
        assert expected, query
        with CaptureQueriesContext(connection) as captured:
            assert ranked_pks_and_types(ours.search(query, every)) == expected, query
        (sql,) = [entry["sql"] for entry in captured.captured_queries]
        assert '"resources_resourcepage"' not in sql, sql
    # A search of some of them keeps the entries of those, in the same order: one query.
    live = ResourcePage.objects.live()
    expected = [(page.pk, page.content_type_id) for page in ours.search("health", live)]
    with CaptureQueriesContext(connection) as captured:
        assert ranked_pks_and_types(ours.search("health", live)) == expected
    (sql,) = [entry["sql"] for entry in captured.captured_queries]
    assert "EXISTS" in sql and '"resources_resourcepage"' in sql, sql


def test_what_a_search_matches_is_what_the_searched_text_index_holds():
    """The GIN index of search/0004 is on the expression Wagtail's query matches, as PostgreSQL
    reads both (`title || body`), so the planner can answer a match from it instead of reading
    every entry; on a table this small it may still choose to read them all."""
    from django.test.utils import CaptureQueriesContext

    pages = Page.objects.live().filter(depth__gt=1)
    with CaptureQueriesContext(connection) as captured:
        assert list(get_search_backend().search("equity", pages))
    (search_sql,) = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (VERBOSE off, COSTS off) " + search_sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT pg_get_indexdef('care_indexentry_text_gin'::regclass)")
        (definition,) = cursor.fetchone()
    matched = "(title || body) @@"
    assert matched in plan, plan
    assert definition.endswith("USING gin (((title || body)))"), definition
