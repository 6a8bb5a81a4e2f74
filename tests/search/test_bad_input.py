"""Whatever is typed or put in the address, the search page answers 200 with a sensible page:
the search form, and either results, "nothing matched", or a request to type words. Run on
SQLite and on PostgreSQL (DATABASE_URL): their full-text syntaxes fail on different input."""

from urllib.parse import quote

from wagtail.contrib.search_promotions.models import Query

import pytest

from resources.factories import ResourcePageFactory
from search import stats
from search.query import MAX_QUERY_LENGTH
from tests.helpers import soup, visible_text

SEARCH = "/en/search/"
pytestmark = pytest.mark.django_db

NOTHING = "Nothing matched your search."
TYPE_WORDS = "Type one or more words to search for."


@pytest.fixture
def resources(resource_index):
    ResourcePageFactory(
        parent=resource_index,
        title="Overview of State and Local Equity Offices",
        summary="Examples of city and county equity offices.",
    )
    ResourcePageFactory(parent=resource_index, title="Salud pública y equidad")


def search_page(client, raw_query_string):
    """GET the search page with the query string exactly as given (already URL-encoded)."""
    response = client.get(f"{SEARCH}?{raw_query_string}")
    assert response.status_code == 200, raw_query_string
    page = soup(response)
    assert page.select_one('main form[role="search"] input[name="q"]') is not None
    return response


def titles(response):
    results = response.context.get("search_results")
    return [result.title for result in results] if results else []


@pytest.mark.parametrize("query_string", ["", "q=", "q=%20%20%20", "q=%09%0A%0D", "page=abc"])
def test_empty_or_whitespace_shows_the_form(client, resources, query_string):
    response = search_page(client, query_string)
    assert response.context["search_query"] == ""
    assert NOTHING not in visible_text(response)


@pytest.mark.parametrize(
    "query",
    ['"', '""', "'", '"equity', 'equity"', "equity'", '"equity offices"', "'equity offices'"],
)
def test_quotes(client, resources, query):
    response = search_page(client, f"q={quote(query)}")
    if any(char.isalpha() for char in query):
        assert "Overview of State and Local Equity Offices" in titles(response)
    else:
        assert TYPE_WORDS in visible_text(response)


def test_quoted_phrase_must_match_in_order(client, resources):
    assert titles(search_page(client, "q=%22offices+equity%22")) == []
    assert titles(search_page(client, "q=%22equity+offices%22")) == [
        "Overview of State and Local Equity Offices"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE wagtailcore_page; --",
        "equity' OR '1'='1",
        "equity%' OR 1=1 --",
        "1; SELECT pg_sleep(5)",
        "equity) OR (1=1",
        "NEAR(equity offices)",
        "equity AND OR NOT",
        "equity*",
        "-equity",
        "title:equity",
        "equity & offices | !x",
        "equity <-> offices",
        "equity:*",
        "^equity",
        "{equity}",
        "\\",
        "%",
        "_",
    ],
)
def test_sql_and_full_text_syntax_is_just_text(client, resources, query):
    response = search_page(client, f"q={quote(query)}")
    text = visible_text(response)
    assert NOTHING in text or titles(response) or TYPE_WORDS in text


@pytest.mark.parametrize(
    "query",
    [".*", "(a|b)+$", "[", "(?P<x>", "equity\\b", "a{1,99999}", "(((((((((("],
)
def test_regex_metacharacters(client, resources, query):
    search_page(client, f"q={quote(query)}")


@pytest.mark.parametrize("encoded", ["%00", "equity%00offices", "%00%00%00", "equity%C0%AE", "%FF"])
def test_nul_and_broken_encodings(client, resources, encoded):
    response = search_page(client, f"q={encoded}")
    assert "\x00" not in response.context["search_query"]


def test_nul_between_words_separates_them(client, resources):
    assert titles(search_page(client, "q=equity%00offices")) == [
        "Overview of State and Local Equity Offices"
    ]


@pytest.mark.parametrize("query", ["😀", "😀 equity", "👩🏽‍⚕️ salud", "🏳️‍🌈"])
def test_emoji(client, resources, query):
    response = search_page(client, f"q={quote(query)}")
    if query == "😀 equity":
        assert "Overview of State and Local Equity Offices" in titles(response)
    if query == "👩🏽‍⚕️ salud":
        assert titles(response) == ["Salud pública y equidad"]


@pytest.mark.parametrize(
    "query", ["equity العدالة 公平 справедливость", "Σalud", "salud pública", "ｅｑｕｉｔｙ"]
)
def test_mixed_scripts(client, resources, query):
    search_page(client, f"q={quote(query)}")


def test_a_2000_character_query_is_cut_and_answered(client, resources):
    response = search_page(client, "q=" + "equity+" * 285 + "x")
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH
    word_salad = search_page(client, "q=" + "abcdefghij" * 200)
    assert len(word_salad.context["search_query"]) == MAX_QUERY_LENGTH
    assert NOTHING in visible_text(word_salad)


def test_a_query_that_grows_when_lower_cased_is_still_counted(client, resources):
    search_page(client, "q=" + quote("İ" * 300))
    stats.flush()
    assert Query.objects.get().hits == 1


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5", "", "%00", "1e9"])
def test_bad_page_numbers(client, resources, page):
    response = search_page(client, f"q=equity&page={page}")
    assert "Overview of State and Local Equity Offices" in titles(response)


@pytest.mark.parametrize(
    "extra", ["type=%00", "type=" + "x" * 2000, "type=resourcepage&type=eventpage", "q=equity"]
)
def test_odd_parameters(client, resources, extra):
    response = search_page(client, f"q=equity&{extra}")
    assert titles(response)


def test_only_symbols_asks_for_words(client, resources):
    response = search_page(client, "q=%21%40%23%24")
    assert TYPE_WORDS in visible_text(response)
    assert response.context["search_query"] == "!@#$"
