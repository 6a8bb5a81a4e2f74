"""Keyboard only: the skip link is the first stop and reaches the main content, Tab reaches
every control in order with a visible focus, each seeded form can be filled in and sent with
the keyboard alone, and after an invalid send the focus is on the error summary, whose links
take it to the fields."""

from wagtail.models import Page

import pytest

from forms.models import FormPage, Submission

from .keyboard import active, describe, focus_state, reachable_controls
from .pages import FORMS, LANGUAGES, PAGE_TYPES, error_summary_takes_focus

MAX_EXTRA_TABS = 15
TYPED = {
    "email": "grace@example.org",
    "url": "https://example.org/report",
    "tel": "+1 555 0100",
    "number": "2",
    "date": "2026-12-01",
}


def form_page(path):
    for page in Page.objects.live().type(FormPage).specific():
        if page.url == path:
            return page
    raise AssertionError(f"no form page at {path}")


def tab_until(page, expression, limit=60):
    """Press Tab until `expression` (about `element`, the focused one) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, expression):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {expression}")


def walk_round(page, limit):
    """Press Tab until the focus comes back where it first went (or `limit` presses): each
    stop's description, the stops whose focus cannot be seen, and the first stop at the top of
    the page (after the page's start, or after Tab went past the last control)."""
    reached, unseen_focus = [], []
    top_of_page = None
    passed_the_end = active(page, "element === document.body")
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if reached and state["description"] == reached[0]:
            break
        if state["description"] == "(body)":
            if passed_the_end and top_of_page is not None:
                break
            passed_the_end = True  # past the last control; the next Tab starts at the top
            continue
        if passed_the_end and top_of_page is None:
            top_of_page = state["description"]
        reached.append(state["description"])
        if not state["visible"]:
            unseen_focus.append(state["description"])
    return reached, unseen_focus, top_of_page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", PAGE_TYPES)
def test_tab_reaches_every_control_in_order_from_the_skip_link(tab, subtests, key, language):
    """Tab goes round every control in order, with a visible focus; the first stop is the skip
    link, which takes the focus to the main content."""
    tab.visit(key, language)
    page = tab.page
    expected = reachable_controls(page)
    reached, unseen_focus, top_of_page = walk_round(page, len(expected) + MAX_EXTRA_TABS)

    with subtests.test("every control in order"):
        # A page that puts the focus somewhere itself (the error summary) starts the walk
        # there; Tab goes round in a circle, so compare it from the page's first control.
        if expected and expected[0] in reached:
            start = reached.index(expected[0])
            reached = reached[start:] + reached[:start]
        assert reached == expected

    with subtests.test("visible focus"):
        assert not unseen_focus, f"focus cannot be seen on: {unseen_focus}"

    with subtests.test("skip link first, to the main content"):
        assert top_of_page == describe(page, ".skip-link"), "the skip link is not the first stop"
        if not active(page, "element.classList.contains('skip-link')"):
            tab_until(page, "element.classList.contains('skip-link')", limit=200)
        page.keyboard.press("Enter")
        assert active(page, "element.id") == "main-content"
        # The next stop is the first control of the main content (or, on a page whose main
        # content has none, of the footer), not one back in the header.
        page.keyboard.press("Tab")
        after_main = (
            "!!(document.querySelector('main').compareDocumentPosition(element)"
            " & (Node.DOCUMENT_POSITION_CONTAINED_BY | Node.DOCUMENT_POSITION_FOLLOWING))"
        )
        assert active(page, after_main), focus_state(page)["description"]


def fill_by_keyboard(page):
    """From the first field of the form, answer each field and press Enter on the send
    button. Radio buttons and tick boxes take Space, lists the arrow keys."""
    for _ in range(40):
        kind = active(page, "element.tagName === 'TEXTAREA' ? 'textarea' : element.type")
        if kind == "submit":
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        if kind in ("radio", "checkbox"):
            page.keyboard.press("Space")
        elif kind.startswith("select"):
            page.keyboard.press("ArrowDown")
        elif kind == "textarea":
            page.keyboard.type("Typed with the keyboard alone.")
        else:
            page.keyboard.type(TYPED.get(kind, "Grace Hopper"))
        page.keyboard.press("Tab")
    raise AssertionError("never reached the send button")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", FORMS)
def test_each_form_can_be_filled_in_and_sent_by_keyboard(tab, form, language):
    tab.visit(f"{form}:empty", language)
    page = tab.page
    target = form_page(tab.page_paths(language)[form])
    before = Submission.objects.filter(page=target).count()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    tab_until(page, "!!element.closest('form.form')")
    fill_by_keyboard(page)
    assert page.locator(".notice--success").is_visible(), "no thank-you message after sending"
    assert Submission.objects.filter(page=target).count() == before + 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", FORMS)
def test_invalid_send_focuses_the_error_summary_whose_links_focus_the_fields(tab, form, language):
    tab.visit(f"{form}:empty", language)
    page = tab.page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_until(page, "element.type === 'submit' && !!element.closest('form.form')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert error_summary_takes_focus(page), (
        f"after an invalid send the focus is on {focus_state(page)['description']}, "
        "not on the error summary"
    )
    links = page.locator(".error-summary a[href^='#']")
    assert links.count() > 0
    for index in range(links.count()):
        target_id = links.nth(index).get_attribute("href")[1:]
        page.locator(".error-summary").focus()
        tab_until(page, f"element === document.querySelectorAll('.error-summary a')[{index}]")
        page.keyboard.press("Enter")
        focused_field = active(
            page,
            f"document.getElementById({target_id!r})?.contains(element)"
            " && ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)",
        )
        assert focused_field, (
            f"the error link to #{target_id} left the focus on {focus_state(page)['description']}"
        )
