""" "Did you mean …?" for searches that found nothing, without a search server.

The vocabulary is the words in the titles of the live pages of the visitor's language, kept in
the site's cache until content changes; each unknown word of the query is compared with it
(difflib). It is only consulted when a search found nothing, and the hint is only offered when
it finds something."""

import difflib

from wagtail.models import Page

from care_site.base import cache

from .query import words

MAX_TITLES = 5000
MAX_WORDS_CHECKED = 8
MIN_WORD_LENGTH = 4
SIMILARITY = 0.8


def vocabulary(locale):
    def titles_words():
        titles = (
            Page.objects.live()
            .public()
            .filter(locale=locale, depth__gt=1)
            .order_by("-first_published_at")
            .values_list("title", flat=True)[:MAX_TITLES]
        )
        return sorted({word for title in titles for word in words(title) if len(word) > 2})

    return cache.cached(titles_words, cache.key("search-vocabulary", locale.pk))


def suggest(terms, locale):
    """The query with misspelt words replaced by the closest known word, or None."""
    if not terms or len(terms) > MAX_WORDS_CHECKED:
        return None
    known = vocabulary(locale)
    known_set = set(known)
    corrected = []
    for term in terms:
        if len(term) < MIN_WORD_LENGTH or term in known_set or term.isdigit():
            corrected.append(term)
            continue
        close = difflib.get_close_matches(term, known, n=1, cutoff=SIMILARITY)
        corrected.append(close[0] if close else term)
    return " ".join(corrected) if corrected != terms else None
