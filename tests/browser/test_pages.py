"""Every page of the catalogue (tests/browser/pages.py), in English and in Spanish, visited once
and put through each check in turn, each reported on its own:

- reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing needs sideways scrolling;
- zoom (WCAG 1.4.4): at 200% browser zoom of a 1280 by 900 window (a 640 by 450 CSS-pixel
  viewport) nothing needs sideways scrolling and no text is cut off;
- screenshots of each kind of page at a phone's width (375 px) and a desktop's (1280 px), for a
  person to look at, in the folder the run names (printed at the end of the run);
- axe-core: no WCAG 2.0/2.1/2.2 A or AA violation, colour contrast included;
- images: each has an alt attribute, empty only beside a card title or where the editor marked
  the image decorative, and none is a file name;
- the editors' accessibility checker (home/wagtail_hooks.py) finds no vague link text and no
  skipped heading level;
- text alone made twice as large (the root font size at 200%) does grow, and still nothing
  sticks out or is cut off.

The site has no script, so changing the window's width in place shows what a fresh visit at
that width would; one visit instead of one per check keeps the suite fast."""

import struct

import pytest

from .axe import care_findings, describe, wcag_violations
from .images import alt_text_problems, load_all_images
from .layout import clipped_text, font_sizes, sideways_overflow
from .pages import ALL_KEYS, LANGUAGES, PAGE_TYPES

NARROWEST = {"width": 320, "height": 640}
ZOOMED_200 = {"width": 640, "height": 450}
# A phone, a tablet upright (320 px and the desktop are checked on their own).
OTHER_WIDTHS = (375, 768)
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOT_WIDTHS = {"phone": 375, "desktop": 1280}
# Body text doubles; headings sized with clamp(rem + vw) grow a little less, by design.
MIN_TEXT_GROWTH = 1.5


def unsized_images(page):
    return page.evaluate(
        """() => [...document.images]
            .filter((img) => !img.getAttribute("width") || !img.getAttribute("height"))
            .map((img) => img.outerHTML.slice(0, 200))"""
    )


def png_width(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


def take_screenshots(page, folder, name):
    for label, width in SCREENSHOT_WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 800})
        path = folder / f"{name}-{label}-{width}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        assert png_width(path) == width


def text_that_does_not_grow(page):
    before = font_sizes(page)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    after = font_sizes(page)
    assert len(before) == len(after)
    return sorted(
        {
            f"{tag} {old}px -> {new}px"
            for (tag, old), (_, new) in zip(before, after, strict=True)
            if new < old * MIN_TEXT_GROWTH
        }
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ALL_KEYS)
def test_page_passes_the_accessibility_checks(tab, subtests, screenshot_dir, key, language):
    page = tab.page
    page.set_viewport_size(NARROWEST)
    console_errors, failed_images = [], []

    def on_console(message):
        if message.type == "error":
            console_errors.append(message.text)

    def on_response(answer):
        if answer.request.resource_type == "image" and answer.status != 200:
            failed_images.append(f"{answer.status} {answer.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on("response", on_response)
    response = tab.visit(key, language)
    assert response.status == (404 if key == "not_found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    load_all_images(page)

    with subtests.test("reflow at 320 px"):
        assert sideways_overflow(page) == [], "sideways scrolling at 320 px"

    for width in OTHER_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        with subtests.test(f"no sideways scrolling at {width} px"):
            assert sideways_overflow(page) == [], f"sideways scrolling at {width} px"

    page.set_viewport_size(ZOOMED_200)
    with subtests.test("200% zoom"):
        assert sideways_overflow(page) == [], "sideways scrolling at 200% zoom"
        assert clipped_text(page) == [], "text cut off at 200% zoom"

    if key in PAGE_TYPES:
        with subtests.test("screenshots"):
            take_screenshots(page, screenshot_dir, f"{key.replace(':', '-')}-{language}")

    page.set_viewport_size(DESKTOP)
    with subtests.test("axe-core, WCAG A and AA"):
        violations = wcag_violations(page)
        assert not violations, f"{key} ({language}):\n{describe(violations)}"

    with subtests.test("images and alt text"):
        assert alt_text_problems(page) == []
        assert unsized_images(page) == [], "images without width and height (layout shifts)"
        assert failed_images == [], "images that did not answer 200"

    with subtests.test("no console errors"):
        # A missing page's 404 is the one error a browser reports for the 404 page itself.
        expected = 1 if key == "not_found" else 0
        assert len(console_errors) == expected, console_errors

    with subtests.test("editors' accessibility checker"):
        assert care_findings(page) == []

    # Last: this one changes the page's own styles.
    with subtests.test("text at 200%"):
        assert text_that_does_not_grow(page) == [], "text that does not grow with the font size"
        assert sideways_overflow(page) == [], "sideways scrolling with text at 200%"
        assert clipped_text(page) == [], "text cut off with text at 200%"
