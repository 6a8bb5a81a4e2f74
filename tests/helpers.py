"""Small helpers shared by the test modules."""

import io
import re

from django.core.management import call_command
from django.test import TestCase

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


def run_seed_demo(**options):
    """Run `seed_demo` as `manage.py` would. There its transaction commits and the work deferred
    to `transaction.on_commit` runs (Wagtail and wagtail-localize defer some publishing and
    indexing that way); tests never commit, so run those callbacks ourselves."""
    options.setdefault("stdout", io.StringIO())
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", **options)
