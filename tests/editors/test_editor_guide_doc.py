"""The editors' guide shows exactly the screenshots the browser suite takes
(tests/browser/test_editor_guide.py), so none is missing and none goes stale unnoticed."""

import re
from pathlib import Path

from django.conf import settings

from tests.browser.test_editor_guide import GUIDE_IMAGES

GUIDE = Path(settings.BASE_DIR, "docs", "editor-guide.md")


def test_the_guide_shows_every_screenshot_the_browser_suite_takes():
    shown = re.findall(r"!\[[^\]]+\]\(editor-guide/([\w-]+\.png)\)", GUIDE.read_text())
    assert sorted(shown) == sorted(GUIDE_IMAGES)


def test_the_guide_covers_what_editors_asked_for():
    headings = re.findall(r"^## (.+)$", GUIDE.read_text(), flags=re.MULTILINE)
    for topic in (
        "Add a resource",
        "Feature a resource on the landing page",
        "Add an event",
        "Read and download submissions",
        "Work through submissions in the inbox",
        "Translate a page",
    ):
        assert topic in headings, topic
