"""A phone first: at 375 by 667 the header is one short bar with a menu button, the landing
page's heading and the library's first result are on the first screen, the library's filters
are folded behind a button; the menu and the filters open and close by keyboard, with and
without JavaScript; breadcrumbs start where the content starts at every width; nothing scrolls
sideways at 320 px with the menu and the filters open. On a wide screen the menu and the
filters are simply shown, with no button."""

import pytest

from .layout import sideways_overflow
from .pages import LANGUAGES, PAGE_TYPES

PHONE = {"width": 375, "height": 667}
NARROWEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
# One bar: the logo (2.5rem) and the menu button, with the header's padding and rule.
SHORT_BAR_HEIGHT = 80
WIDTHS = [320, 375, 768, 1024, 1280, 1600]
# Wide-column pages and pages whose content is a centred narrow column.
BREADCRUMB_PAGES = [
    "library",
    "partner",
    "resource_link",
    "standard",
    "event_upcoming",
    "form_suggest",
]

MENU_BUTTON = ".site-menu > summary"
MENU_LINKS = ".primary-nav a"
FILTERS_BUTTON = ".library__filters-fold > summary"
FIRST_RESULT = ".library__results .card-grid > li"


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def is_open(page, selector):
    return page.locator(selector).first.evaluate("details => details.open")


def press_tab_until_focused(page, selector, limit=20):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.locator(selector).first.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def phone(request, browse):
    return browse(viewport=PHONE, java_script_enabled=request.param)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_is_one_short_bar_on_a_phone(phone, language):
    phone.visit("landing", language)
    page = phone.page
    header = box(page, ".site-header")
    assert header["height"] <= SHORT_BAR_HEIGHT, f"the header is {header['height']}px tall"
    button = box(page, MENU_BUTTON)
    logo = box(page, ".site-name")
    # Beside the logo, in the same bar, and large enough to tap.
    assert button["y"] < logo["y"] + logo["height"] and button["x"] > logo["x"] + logo["width"]
    assert button["height"] >= 44 and button["width"] >= 44
    assert not page.locator(MENU_LINKS).first.is_visible()
    assert not page.locator("#header-search-q").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_screen_of_a_phone_shows_the_content(phone, language):
    phone.visit("landing", language)
    heading = box(phone.page, "main h1")
    assert heading["y"] + heading["height"] <= PHONE["height"], f"the heading ends at {heading}"

    phone.visit("library", language)
    first = box(phone.page, FIRST_RESULT)
    assert first["y"] < PHONE["height"] - 100, f"the first result starts at {first['y']}px"
    assert not phone.page.locator("#library-q").is_visible(), "the filters are not folded"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_opens_and_closes_by_keyboard(phone, language):
    phone.visit("standard", language)
    page = phone.page
    press_tab_until_focused(page, MENU_BUTTON)
    button_name = page.locator(MENU_BUTTON).inner_text().strip()
    assert button_name == {"en": "Menu", "es": "Menú"}[language]

    page.keyboard.press("Enter")
    assert is_open(page, ".site-menu")
    links = page.locator(MENU_LINKS)
    assert links.first.is_visible() and page.locator("#header-search-q").is_visible()
    # Open, it pushes the page down rather than covering it, so nothing focused is hidden.
    main_top = box(page, "main")["y"]
    assert main_top >= box(page, ".site-menu")["y"] + box(page, ".site-menu")["height"]
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.site-menu') !== null")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not is_open(page, ".site-menu")
    assert not links.first.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_library_filters_unfold_by_keyboard_on_a_phone(phone, language):
    phone.visit("library", language)
    page = phone.page
    assert box(page, FILTERS_BUTTON)["y"] < box(page, FIRST_RESULT)["y"]
    press_tab_until_focused(page, FILTERS_BUTTON, limit=40)
    page.keyboard.press("Enter")
    assert page.locator("#library-q").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "library-q"
    page.keyboard.type("health")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=health**")
    assert page.locator(".active-filters").is_visible()


def test_on_a_wide_screen_the_menu_and_filters_are_shown_without_a_button(browse):
    for javascript in (True, False):
        desktop = browse(viewport=DESKTOP, java_script_enabled=javascript)
        desktop.visit("library", "en")
        page = desktop.page
        assert not page.locator(MENU_BUTTON).is_visible()
        assert not page.locator(FILTERS_BUTTON).is_visible()
        assert page.locator(MENU_LINKS).first.is_visible()
        assert page.locator("#header-search-q").is_visible()
        assert page.locator(".language-switcher a").first.is_visible()
        assert page.locator("#library-q").is_visible()
        # The search field and the languages share the logo's row; the links run below.
        logo, search = box(page, ".site-name"), box(page, "#header-search-q")
        assert search["y"] < logo["y"] + logo["height"]
        assert box(page, MENU_LINKS)["y"] >= logo["y"] + logo["height"]
        # Filters beside the results, the results not pushed below them.
        assert box(page, FIRST_RESULT)["x"] > box(page, "#library-q")["x"]


@pytest.mark.parametrize("width", WIDTHS)
def test_breadcrumbs_start_where_the_content_starts(tab, width):
    page = tab.page
    page.set_viewport_size({"width": width, "height": 800})
    for key in BREADCRUMB_PAGES:
        tab.visit(key, "en")
        crumb, heading = box(page, ".breadcrumbs a"), box(page, "main h1")
        assert crumb["x"] == pytest.approx(heading["x"], abs=1), (key, crumb, heading)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", PAGE_TYPES)
def test_nothing_scrolls_sideways_at_320px_with_everything_unfolded(tab, key, language):
    page = tab.page
    page.set_viewport_size(NARROWEST)
    tab.visit(key, language)
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert sideways_overflow(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_month_calendar_on_the_narrowest_phone(tab, language):
    """Seven columns in 320 px: weekday names on one line each, a meeting shown by its time,
    and its link still named by the meeting's title for screen readers."""
    page = tab.page
    page.set_viewport_size(NARROWEST)
    tab.visit("community_month", language)
    line = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('th')).lineHeight)"
    )
    for header in page.locator(".month-calendar th abbr").all():
        assert header.bounding_box()["height"] <= line + 1, header.inner_text()
    link = page.locator(".month-calendar__meetings a").first
    title = link.locator(".month-calendar__title")
    assert title.bounding_box()["width"] <= 1, "the title is not shown in the cell"
    name = title.text_content().strip()
    assert page.get_by_role("link", name=name, exact=False).first.is_visible()
    assert link.locator("time").is_visible()
