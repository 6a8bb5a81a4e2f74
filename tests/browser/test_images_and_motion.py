"""An image block's alt text is the editor's, or empty when the editor marked the image
decorative (every page's images are checked in test_pages.py), the site honours
`prefers-reduced-motion`, and the guard against outside requests works."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import _open
from .images import images
from .samples import ALT_TEXT


def test_image_block_alt_text_is_the_editors_or_empty_when_decorative(tab):
    tab.visit("blocks", "en")
    found = [image for image in images(tab.page) if image["inBlock"]]
    assert [image["alt"] for image in found] == [ALT_TEXT, ""]


def motion_styles(page):
    return page.evaluate(
        """() => {
        const moving = [];
        for (const element of [document.documentElement, ...document.body.querySelectorAll("*")]) {
          for (const pseudo of [null, "::before", "::after"]) {
            const style = getComputedStyle(element, pseudo);
            const longest = (value) => Math.max(...value.split(",").map((part) => parseFloat(part)
              * (part.trim().endsWith("ms") ? 0.001 : 1)));
            const transition = longest(style.transitionDuration);
            const animation = style.animationName !== "none" ? longest(style.animationDuration) : 0;
            if (transition > 0.001 || animation > 0.001) {
              moving.push(element.tagName.toLowerCase() + (pseudo || "") + "."
                + String(element.className).trim());
            }
          }
        }
        return {moving, scroll: getComputedStyle(document.documentElement).scrollBehavior};
      }"""
    )


def test_reduced_motion_turns_off_transitions_and_smooth_scrolling(browse):
    normal = browse()
    normal.visit("landing", "en")
    before = motion_styles(normal.page)
    # Without the preference there is motion to turn off, so the check below means something.
    assert before["moving"] and before["scroll"] == "smooth"

    reduced = browse(reduced_motion="reduce")
    for key in ("landing", "library", "blocks"):
        reduced.visit(key, "en")
        after = motion_styles(reduced.page)
        assert after == {"moving": [], "scroll": "auto"}, key


def test_requests_outside_the_site_are_refused_and_recorded(browser, site):
    """The guard every browser test relies on: it does see an outside request."""
    tab = _open(browser, site)
    try:
        tab.goto(site.pages["en"]["landing"])
        # The site's Content-Security-Policy would stop a script's fetch before it is sent, so
        # follow a link instead.
        with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
            tab.page.goto("https://example.org/elsewhere")
    finally:
        tab.context.close()
    assert tab.outside_requests == ["https://example.org/elsewhere"]
