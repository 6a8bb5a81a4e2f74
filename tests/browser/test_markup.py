"""Every page of the catalogue (tests/browser/pages.py), in English and in Spanish and in each
form's states, is valid HTML by the current Nu HTML checker: no error, and none of the warnings
that mean an attribute has no effect where it is written (an `aria-label` on a plain list).

The HTML is what the server sent, not the browser's DOM, so the checker sees the markup as
written. It does not depend on the database, so this runs on the SQLite pass only; CI runs the
suite on both."""

import os

from django.db import connection

import pytest

from .markup import INSTALL_HINT, check_html, describe, missing_tools
from .pages import ALL_KEYS, LANGUAGES

# Warnings that point at markup to fix, not at a choice the checker merely questions.
WARNINGS_TO_FIX = ("aria-label", "Consider using the", "is unnecessary for element")


@pytest.fixture
def checker():
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
    to_fix = [
        message
        for message in messages
        if message["type"] == "info"
        and message.get("subType") == "warning"
        and any(phrase in message["message"] for phrase in WARNINGS_TO_FIX)
    ]
    assert errors == [], f"{len(errors)} errors:\n{describe(errors)}"
    assert to_fix == [], f"{len(to_fix)} warnings:\n{describe(to_fix)}"
