"""The SQLite search backend (search/backends/sqlite.py) gives what Wagtail's queries give with
the site's relevance rules, in queries whose cost does not grow with the index: the full-text
match drives every query, and relevance is ranked once rather than re-matched for every result.
And those rules, against Wagtail's own: words found in their other forms, titles first.
SQLite only (PostgreSQL: test_postgres_backend.py)."""

from django.db import connection

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

import pytest

from resources.factories import ResourcePageFactory
from resources.models import ResourcePage
from search.backends import ranked_pks, ranked_pks_and_types
from tests.helpers import query_plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("seeded"),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text search only"),
]

QUERIES = [
    "equity",
    "health",
    "equity offices",
    "racial equity",
    "determinantes sociales",
    "oficina",
]


def querysets():
    return {
        "pages": Page.objects.live().filter(depth__gt=1),
        "resources": ResourcePage.objects.live(),
        "every resource": ResourcePage.objects.all(),
    }


def wagtails_backend(compiler=None):
    # Importable only when the database is SQLite.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    backend = SQLiteSearchBackend({})
    if compiler:
        backend.query_compiler_class = compiler
    return backend


@pytest.fixture
def backends():
    """Ours, and Wagtail's queries with the same relevance rules."""
    from search.backends.sqlite import RelevantSQLiteSearchQueryCompiler

    ours = get_search_backend()
    assert type(ours).__name__ == "RankedSQLiteSearchBackend"
    return ours, wagtails_backend(RelevantSQLiteSearchQueryCompiler)


def titles(backend, query, queryset=None):
    queryset = queryset if queryset is not None else Page.objects.live().filter(depth__gt=1)
    return [page.title for page in backend.search(query, queryset)]


def test_a_plural_finds_the_singular_which_wagtails_did_not(backends):
    ours, _reference = backends
    toolkit = "Racial Equity Impact Assessment Toolkit (demo)"
    assert toolkit not in titles(wagtails_backend(), "assessments")
    assert toolkit in titles(ours, "assessments")
    # And a Spanish singular its plural, accents ignored as before.
    assert "Panorama de las oficinas estatales y locales de equidad" in titles(ours, "oficina")
    assert titles(ours, "politicas") == titles(ours, "políticas")


def test_short_words_are_matched_whole():
    from search.backends.sqlite import RelevantSQLiteSearchQueryCompiler

    compiler = RelevantSQLiteSearchQueryCompiler(Page.objects.all(), "en salud oficinas")
    built = compiler.build_search_query_content(compiler.query)

    class Compiler:  # what the lexemes need to write themselves out
        def compile(self, node):
            return node.as_sql(self, None)

    assert built.value.as_sql(Compiler(), None)[1] == ['"en" AND "salud"* AND "oficina"*']


def test_a_title_naming_every_word_outranks_a_short_title_matching_in_its_body(backends):
    """Wagtail's SQLite score multiplies the whole entry's bm25() by the shortness of its title,
    so the partner directory ("Collaborative Partners", 22 letters) outranked a resource named
    for the words typed when its introduction was searched."""
    ours, _reference = backends
    found = titles(ours, "health equity")
    named = [title for title in found if {"health", "equity"} <= set(title.lower().split())]
    assert len(named) >= 3
    assert found[: len(named)] == named


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("name", ["pages", "resources", "every resource"])
def test_results_and_their_order_are_wagtails(backends, query, name):
    ours, wagtails = backends
    queryset = querysets()[name]
    expected = [page.pk for page in wagtails.search(query, queryset)]
    assert expected, "the seeded site should match every query"
    found = ours.search(query, queryset)
    assert ranked_pks(found) == expected
    kinds = dict(queryset.model.objects.filter(pk__in=expected).values_list("pk", "content_type"))
    assert ranked_pks_and_types(found) == [(pk, kinds[pk]) for pk in expected]
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
    return query_plan(*queryset.query.sql_with_params())


def test_the_full_text_match_drives_the_ranking_query(backends):
    ours, _wagtails = backends
    found = ours.search("health", ResourcePage.objects.live())
    compiler = found.query_compiler
    ranking = compiler._ranked_object_ids(compiler.get_config(ours))
    steps = plan(ranking)
    # Wagtail's query starts from the index entries of the type and matches each one in turn,
    # then re-runs the match for each match to rank it (a correlated subquery of the full-text
    # table). Here the match drives, and what is looked up per match is looked up by key.
    assert "VIRTUAL TABLE" in steps[0], steps
    assert all("PRIMARY KEY" in after for after in steps_after_correlated(steps)), steps


def steps_after_correlated(steps):
    return [steps[i + 1] for i, step in enumerate(steps[:-1]) if "CORRELATED" in step]


def test_a_search_of_the_site_looks_each_match_up_instead_of_listing_every_page(backends):
    """A search of a language's live pages (the site search) checks each matching entry's page
    by its key: listing every page of the language first cost more than ranking the few hundred
    matches of most words."""
    ours, _wagtails = backends
    english = Locale.objects.get(language_code="en")
    pages = Page.objects.live().public().filter(locale=english, depth__gt=1)
    compiler = ours.search("health", pages).query_compiler
    steps = plan(compiler._ranked_object_ids(compiler.get_config(ours)))
    assert "VIRTUAL TABLE" in steps[0], steps
    assert any("PRIMARY KEY" in after for after in steps_after_correlated(steps)), steps
    assert not any("wagtailcore_page_locale_id" in step for step in steps), steps


def test_a_ranked_search_of_every_object_reads_only_the_index(backends):
    """Every resource matching is every matching index entry of the type: the query does not
    list the resources' keys to compare with (the library keeps its own from what it finds)."""
    from django.test.utils import CaptureQueriesContext

    ours, _wagtails = backends
    for queryset, reads_the_model in [
        (ResourcePage.objects.all(), False),
        (ResourcePage.objects.live(), True),
    ]:
        with CaptureQueriesContext(connection) as captured:
            assert ranked_pks(ours.search("health", queryset))
        (sql,) = [query["sql"] for query in captured.captured_queries]
        assert ('"resources_resourcepage"' in sql) is reads_the_model, sql


def test_a_page_of_ranked_results_scores_only_that_page(backends):
    ours, _wagtails = backends
    page = ours.search("health", ResourcePage.objects.live())[:3]
    sql = str(page.query_compiler.search(page.query_compiler.get_config(ours), 0, 3).query)
    assert "LIMIT 3" in sql


def test_equal_matches_come_newest_first_by_their_number_not_its_digits(backends):
    """Among matches scored the same, the newest key comes first, as Wagtail orders them: by
    number, 100000 before 99999 (compared as text, a resource's key put 99999 first)."""
    library = ResourcePage.objects.live().first().get_parent()
    with connection.cursor() as cursor:  # the next pages are numbered 99999 and 100000
        cursor.execute("UPDATE sqlite_sequence SET seq = 99998 WHERE name = 'wagtailcore_page'")
    first = ResourcePageFactory(parent=library, title="Quinoa xylophone", summary="Zebra.")
    same = {field: getattr(first, field) for field in ("external_url", "resource_type")}
    ResourcePageFactory(
        parent=library, title="Quinoa xylophone", slug="again", summary="Zebra.", **same
    )
    # A title's weight depends on the titles indexed before it: made the same, as is the rest.
    IndexEntry.objects.filter(title="Quinoa xylophone").update(title_norm=1.0)
    ours, wagtails = backends
    found = ours.search("xylophone", ResourcePage.objects.live())
    assert ranked_pks(found) == [100000, 99999]
    assert [page.pk for page in found] == [100000, 99999]
    assert [page.pk for page in wagtails.search("xylophone", ResourcePage.objects.live())] == [
        100000,
        99999,
    ]
