"""What a visitor typed, made safe to search for and to show back.

Search backends have sharp edges for raw input: SQLite's FTS5 rejects an unbalanced double
quote, PostgreSQL rejects a NUL byte, and each has its own operators. So the query is cut down
to plain words (letters, digits and combining marks) before it reaches the backend; words in
double quotes become a phrase. Whatever the visitor typed, the backend only ever sees words."""

import re
import unicodedata
from dataclasses import dataclass, field

from wagtail.search.query import And, Phrase, PlainText

# Longer queries are cut: nobody types more, and each word costs the backend a little.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 16

WORD_CATEGORIES = ("L", "N", "M")  # letters, numbers, combining marks
UNSEEN_CATEGORIES = ("Cf", "Co", "Cs", "Cn")  # format, private-use, surrogates, unassigned


def clean(raw):
    """The query as it is shown back and logged: NFC, without control or invisible characters
    (NUL, tabs, bidi overrides...), single-spaced, at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFC", raw or "")
    kept = "".join(
        " " if unicodedata.category(char) == "Cc" else char
        for char in text
        if unicodedata.category(char) not in UNSEEN_CATEGORIES
    )
    return " ".join(kept.split())[:MAX_QUERY_LENGTH].strip()


def words(text):
    """The words in `text`, lower-cased: runs of letters, digits and combining marks. Anything
    else (punctuation, quotes, operators, emoji) separates words and is never searched for."""
    spaced = "".join(
        char if unicodedata.category(char)[0] in WORD_CATEGORIES else " " for char in text
    )
    # A mark alone (an emoji's variation selector) is not a word.
    return [
        word.lower()
        for word in spaced.split()
        if any(unicodedata.category(char)[0] in ("L", "N") for char in word)
    ]


@dataclass
class ParsedQuery:
    text: str  # as shown to the visitor and logged
    terms: list[str] = field(default_factory=list)  # every word searched for, in order
    phrases: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms)

    @property
    def expression(self):
        """A Wagtail search query: the loose words (all required) and each quoted phrase."""
        loose = [term for term in self.terms if not any(term in p.split() for p in self.phrases)]
        parts = [Phrase(phrase) for phrase in self.phrases]
        if loose:
            parts.insert(0, PlainText(" ".join(loose), operator="and"))
        return parts[0] if len(parts) == 1 else And(parts)


def parse(raw):
    """Clean the raw query and find its words. Text between a pair of double quotes is a
    phrase; an unmatched quote is ignored."""
    text = clean(raw)
    terms, phrases = [], []
    segments = text.split('"')
    for index, segment in enumerate(segments):
        segment_words = words(segment)[: MAX_TERMS - len(terms)]
        if not segment_words:
            continue
        is_quoted = index % 2 == 1 and index < len(segments) - 1
        if is_quoted and len(segment_words) > 1:
            phrases.append(" ".join(segment_words))
        terms.extend(segment_words)
    return ParsedQuery(text=text, terms=terms, phrases=phrases)


def _fold(text):
    """`text` lower-cased without accents, and for each of its characters the index of the
    character of `text` it came from (so matches found in the folded text map back)."""
    pairs = [
        (lower, index)
        for index, char in enumerate(text)
        for part in unicodedata.normalize("NFD", char)
        if unicodedata.category(part) != "Mn"
        for lower in part.lower()
    ]
    return "".join(lower for lower, _index in pairs), [index for _lower, index in pairs]


def stem(term):
    """`term` without a plural ending ("determinants", "oficinas", "offices"): enough to mark
    and, on SQLite, to find the other forms of a word (`search.backends.sqlite`)."""
    if len(term) > 4 and term.endswith("es"):
        return term[:-2]
    if len(term) > 3 and term.endswith("s"):
        return term[:-1]
    return term


def matches(text, terms):
    """The (start, end) spans of `text` that match `terms`, ignoring case and accents: the words
    that start like one of `terms` (two-letter terms match whole words only; single letters
    nothing)."""
    stems = sorted({stem(_fold(term)[0]) for term in terms if len(term) > 1}, key=len, reverse=True)
    if not stems or not text:
        return []
    alternatives = [re.escape(s) + (r"\w*" if len(s) > 2 else r"\b") for s in stems]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
    folded, origins = _fold(text)
    return [
        (origins[match.start()], origins[match.end() - 1] + 1)
        for match in pattern.finditer(folded)
        if match.end() > match.start()
    ]
