"""Small helpers shared by the test modules."""

import re

from bs4 import BeautifulSoup


def collapse(text):
    """`text` with every run of whitespace (including non-breaking spaces) made one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def soup(response_or_html):
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    return BeautifulSoup(html, "html.parser")


INLINE_TAGS = ["a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span"]
INLINE_TAGS += ["strong", "sub", "sup", "time", "u"]


def visible_text(response_or_html):
    """The text a visitor reads: tags, scripts and styles dropped, whitespace collapsed.
    Inline elements join their neighbours ("<b>law</b>." reads "law."); block elements are
    separated by a space."""
    document = soup(response_or_html)
    for hidden in document(["script", "style", "template"]):
        hidden.decompose()
    for inline in document(INLINE_TAGS):
        inline.unwrap()
    document.smooth()
    return collapse(document.get_text(" "))
