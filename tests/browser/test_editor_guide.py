"""The screenshots in the editors' guide (docs/editor-guide.md) are taken here, of the real admin
on the seeded site, so they stay true as the admin changes. Each test signs in, opens the screen
the guide describes, checks it shows what the guide says, and writes the picture into
docs/editor-guide/ (or CARE_EDITOR_GUIDE_DIR)."""

import os
import time
from pathlib import Path

from django.urls import reverse

import pytest

from events.models import EventIndexPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from resources.models import ResourceIndexPage

from .pages import fill_valid_answers, submit
from .samples import EDITOR_PASSWORD, EDITOR_USERNAME

GUIDE_IMAGES = [
    "dashboard.png",
    "add-resource.png",
    "choose-topics.png",
    "feature-resource.png",
    "add-event.png",
    "submissions.png",
    "inbox.png",
    "inbox-submission.png",
    "translation-status.png",
    "translate-page.png",
    "submit-for-moderation.png",
]
STARTED = time.time()


@pytest.fixture(scope="module")
def guide_dir(screenshot_dir, chromium_path):
    """Where the pictures go: with this run's screenshots, or, to refresh the guide's own
    (`make editor-guide`), the folder CARE_EDITOR_GUIDE_DIR names. A test run leaves the
    committed pictures alone."""
    configured = os.environ.get("CARE_EDITOR_GUIDE_DIR")
    folder = Path(configured) if configured else screenshot_dir / "editor-guide"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def admin_tab(browse):
    tab = browse()
    tab.goto("/admin/login/")
    tab.page.fill("input[name=username]", EDITOR_USERNAME)
    tab.page.fill("input[name=password]", EDITOR_PASSWORD)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    yield tab
    # Leave the admin while the test may still use the database: an open editor tells the
    # server, as it closes, that the editing session is over.
    tab.page.goto("about:blank")
    tab.page.wait_for_timeout(200)


def english(model):
    return model.objects.filter(locale__language_code="en").order_by("path").first()


def shoot(tab, folder, name, locator=None):
    """A screenshot of the window (or of one part of it) once the admin has settled."""
    tab.page.wait_for_load_state("networkidle")
    target = tab.page.locator(locator).first if locator else tab.page
    target.screenshot(path=str(folder / name), animations="disabled")


def test_dashboard(admin_tab, guide_dir):
    admin_tab.goto(reverse("wagtailadmin_home"))
    page = admin_tab.page
    for heading in ("Next events", "Resources with broken links", "Translations to do"):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    shoot(admin_tab, guide_dir, "dashboard.png")


def test_add_a_resource(admin_tab, guide_dir):
    library = english(ResourceIndexPage)
    admin_tab.goto(
        reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", library.pk])
    )
    page = admin_tab.page
    page.fill("#id_title", "Health equity data toolkit")
    assert page.locator(".care-character-count").first.is_visible()
    shoot(admin_tab, guide_dir, "add-resource.png")

    topics = page.locator(".w-panel:has(input[name=topics])").first
    topics.scroll_into_view_if_needed()
    assert topics.locator("input[type=checkbox]").count() >= 2
    shoot(admin_tab, guide_dir, "choose-topics.png", locator=".w-panel:has(input[name=topics])")


def test_feature_a_resource_on_the_landing_page(admin_tab, guide_dir):
    landing = english(HomePage)
    admin_tab.goto(reverse("wagtailadmin_pages:edit", args=[landing.pk]))
    section = "[data-panel]:has(#id_featured_heading)"
    admin_tab.page.locator(section).first.scroll_into_view_if_needed()
    assert admin_tab.page.get_by_text("Featured resource", exact=False).first.is_visible()
    shoot(admin_tab, guide_dir, "feature-resource.png", locator=section)


def test_add_an_event(admin_tab, guide_dir):
    community = english(EventIndexPage)
    admin_tab.goto(reverse("wagtailadmin_pages:add", args=["events", "eventpage", community.pk]))
    assert admin_tab.page.locator("#id_start").count() == 1
    shoot(admin_tab, guide_dir, "add-event.png")


def test_read_and_export_submissions(admin_tab, guide_dir):
    form = FormPage.objects.get(locale__language_code="en", slug="connect-with-us")
    admin_tab.goto(form.url)
    fill_valid_answers(admin_tab.page)
    submit(admin_tab.page)
    admin_tab.goto(reverse("wagtailforms:list_submissions", args=[form.pk]))
    page = admin_tab.page
    assert page.get_by_text("Written in the browser test", exact=False).first.is_visible()
    # The export links sit in the header's "more actions" menu: open it for the picture.
    download = page.get_by_role("link", name="Download CSV")
    toggles = page.locator("header [data-w-dropdown-target='toggle']")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        if download.is_visible():
            break
        page.keyboard.press("Escape")
    assert download.is_visible()
    shoot(admin_tab, guide_dir, "submissions.png")


def test_work_through_the_inbox(admin_tab, guide_dir):
    """A suggestion sent on the site, found in the inbox and opened."""
    form = FormPage.objects.get(locale__language_code="en", slug="suggest-a-resource")
    admin_tab.goto(form.url)
    fill_valid_answers(admin_tab.page)
    submit(admin_tab.page)
    admin_tab.goto(reverse("care_forms_inbox"))
    page = admin_tab.page
    assert page.get_by_role("heading", name="Submissions inbox").is_visible()
    assert page.get_by_role("cell", name="Suggest a resource").first.is_visible()
    shoot(admin_tab, guide_dir, "inbox.png")
    page.locator("table.listing tbody tr").first.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Make a draft resource page").is_visible()
    shoot(admin_tab, guide_dir, "inbox-submission.png")


def test_translation_status(admin_tab, guide_dir):
    admin_tab.goto(reverse("translation_status_report:index"))
    page = admin_tab.page
    assert page.get_by_role("columnheader", name="Spanish").first.is_visible()
    shoot(admin_tab, guide_dir, "translation-status.png")


def test_translate_a_page(admin_tab, guide_dir):
    """Editing the Spanish copy of a page opens wagtail-localize's translation editor."""
    about = StandardPage.objects.filter(locale__language_code="es").order_by("path").first()
    admin_tab.goto(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert "into Spanish" in admin_tab.page.title()
    shoot(admin_tab, guide_dir, "translate-page.png")


def test_submit_for_moderation(admin_tab, guide_dir):
    about = english(StandardPage)
    admin_tab.goto(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    page = admin_tab.page
    page.locator("footer .w-dropdown__toggle").first.click()
    submit_button = page.get_by_role("button", name="Submit to Editor → Moderator")
    assert submit_button.is_visible()
    shoot(admin_tab, guide_dir, "submit-for-moderation.png")


def test_every_guide_screenshot_was_written(guide_dir):
    """Runs last in this module: each picture the guide shows exists and is this run's."""
    for name in GUIDE_IMAGES:
        path = guide_dir / name
        assert path.is_file(), name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert path.stat().st_mtime >= STARTED, f"{name} is left from an earlier run"
