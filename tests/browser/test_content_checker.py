"""The editors' accessibility checker (Wagtail's user bar, home/wagtail_hooks.py) flags a vague
link text and a skipped heading level (that it finds neither on any seeded page is checked in
test_pages.py)."""

from home.wagtail_hooks import HEADING_RULE, LINK_TEXT_RULE

from .axe import care_findings
from .samples import EDITOR_PASSWORD, EDITOR_USERNAME


def test_checks_flag_a_vague_link_and_a_skipped_heading(tab):
    tab.goto(tab.page_paths("en")["checker_sample"])
    assert care_findings(tab.page) == [
        (HEADING_RULE, "<h4>Straight to a fourth-level heading</"),
        (LINK_TEXT_RULE, '<a href="/en/about/">click here</a>'),
    ]


def test_user_bar_shows_the_care_checks_to_an_editor(browse, site, settings):
    """End to end: an editor signs in, and the user bar on a page loads our evaluators and
    lists our rules' findings under the names editors read."""
    settings.WAGTAILADMIN_BASE_URL = site.url  # the user bar loads its assets from here
    tab = browse()
    tab.goto("/admin/login/")
    tab.page.fill("input[name=username]", EDITOR_USERNAME)
    tab.page.fill("input[name=password]", EDITOR_PASSWORD)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.goto(tab.page_paths("en")["checker_sample"])
    tab.page.wait_for_function(
        "() => document.querySelector('wagtail-userbar')?.shadowRoot"
        "?.querySelector('[data-content-checker-count]')?.textContent"
    )
    names = tab.page.locator("wagtail-userbar [data-content-checker-name]").all_text_contents()
    assert "Link text is vague" in names
    assert "Heading level skipped" in names
