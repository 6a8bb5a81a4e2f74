"""Every page of the catalogue (tests/browser/pages.py), in English and in Spanish and in each
form's states, is valid HTML by the current Nu HTML checker, with no error and no warning (an
article without a heading, say); and no plain list carries an `aria-label`, which older
checkers warn about and screen readers may not announce.

The HTML is what the server sent, not the browser's DOM, so the checker sees the markup as
written. It does not depend on the database, so this runs on the SQLite pass only; CI runs the
suite on both."""

import os

from django.db import connection

import pytest
from bs4 import BeautifulSoup

from .markup import INSTALL_HINT, check_html, describe, missing_tools
from .pages import ALL_KEYS, LANGUAGES


@pytest.fixture(scope="session")
def checker():
    """Session-scoped, so it is set up (or skips) before the seeded live server is started."""
    if connection.vendor != "sqlite":
        pytest.skip(
            "the HTML does not depend on the database: the SQLite pass of the suite checks it"
        )
    missing = missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the HTML checker cannot run ({missing}): {INSTALL_HINT}")
        pytest.skip(f"the HTML checker cannot run ({missing}): {INSTALL_HINT}")
    return check_html


def served_html(tab, key, language):
    """The HTML of the last page the tab was served on its way to `key`'s state."""
    documents = []

    def keep(response):
        if response.request.resource_type == "document" and not 300 <= response.status < 400:
            documents.append(response)

    tab.page.on("response", keep)
    try:
        tab.visit(key, language)
    finally:
        tab.page.remove_listener("response", keep)
    assert documents, f"{key} ({language}): no page was served"
    return documents[-1].text()


def test_every_page_is_valid_html(checker, tab, tmp_path):
    pages = {
        f"{language}-{key}": served_html(tab, key, language)
        for language in LANGUAGES
        for key in ALL_KEYS
    }
    messages = checker(pages, tmp_path)
    errors = [message for message in messages if message["type"] != "info"]
    warnings = [message for message in messages if message.get("subType") == "warning"]
    assert errors == [], f"{len(errors)} errors:\n{describe(errors)}"
    assert warnings == [], f"{len(warnings)} warnings:\n{describe(warnings)}"

    labelled_lists = [
        f"{name}: {element.name} {element['aria-label']!r}"
        for name, html in pages.items()
        for element in BeautifulSoup(html, "html.parser").select("ul[aria-label], ol[aria-label]")
        if not element.get("role")
    ]
    assert labelled_lists == [], "plain lists with an aria-label"
