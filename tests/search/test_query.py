"""Cleaning what visitors type, and marking their words in results: plain functions, no DB."""

from wagtail.search.query import And, Phrase, PlainText

import pytest

from search.query import MAX_QUERY_LENGTH, MAX_TERMS, clean, parse, words
from search.templatetags.search_tags import highlight


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  equity   offices ", "equity offices"),
        ("a\x00b", "a b"),
        ("tab\there\nnewline", "tab here newline"),
        ("right\u202eto-left", "rightto-left"),  # bidi override dropped
        ("zero\u200bwidth", "zerowidth"),
        ("e\u0301quite", "équite"),  # NFC
        ("x" * 5000, "x" * MAX_QUERY_LENGTH),
        (None, ""),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_words_are_letters_digits_and_marks_only():
    assert words("'; DROP TABLE pages; --") == ["drop", "table", "pages"]
    assert words(".*(a|b)+$ \\d{2} 100% C++") == ["a", "b", "d", "2", "100", "c"]
    assert words("😀 salud pública 健康 здоровье") == ["salud", "pública", "健康", "здоровье"]
    assert words("👩🏽\u200d⚕\ufe0f salud") == ["salud"]
    assert words("NEAR(a b) AND OR NOT *") == ["near", "a", "b", "and", "or", "not"]


def test_quoted_words_make_a_phrase_and_stray_quotes_are_ignored():
    parsed = parse('"equity offices" local')
    assert parsed.terms == ["equity", "offices", "local"]
    assert parsed.phrases == ["equity offices"]
    expression = parsed.expression
    assert isinstance(expression, And)
    assert {type(part) for part in expression.subqueries} == {PlainText, Phrase}

    unbalanced = parse('"equity offices')
    assert unbalanced.phrases == []
    assert isinstance(unbalanced.expression, PlainText)
    assert unbalanced.expression.query_string == "equity offices"


def test_a_query_without_words_is_not_a_search():
    for raw in ("", "   ", '"', "😀", "%", "\x00", "-- ;"):
        assert not parse(raw), raw


def test_the_number_of_terms_is_capped():
    assert len(parse(" ".join(f"w{n}" for n in range(100))).terms) == MAX_TERMS


def test_highlight_marks_matched_words_ignoring_case_accents_and_plurals():
    html = highlight("Social Determinants of Health: a determinant", ["social", "determinants"])
    assert html == (
        "<mark>Social</mark> <mark>Determinants</mark> of Health: a <mark>determinant</mark>"
    )
    assert highlight("Política de SALUD", ["politica", "salud"]) == (
        "<mark>Política</mark> de <mark>SALUD</mark>"
    )


def test_highlight_escapes_before_marking():
    assert highlight("<script>alert(1)</script>", ["script"]) == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
    )
    # A word that is also part of an HTML entity never breaks the entity.
    assert highlight("Tom & Jerry", ["amp"]) == "Tom &amp; Jerry"
    assert highlight('say "hi"', ["quot"]) == "say &quot;hi&quot;"


def test_highlight_leaves_text_alone_without_terms():
    assert highlight("a < b", []) == "a &lt; b"
    assert highlight("", ["x"]) == ""
    assert highlight("one a letter", ["a"]) == "one a letter"
