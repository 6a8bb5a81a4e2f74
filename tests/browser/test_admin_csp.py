"""The Wagtail admin works under its Content-Security-Policy (care_site/csp.py): an editor signs
in, edits a page, publishes it, and opens an editor with date and time pickers, and the browser
reports no policy violation on the way. Every `securitypolicyviolation` event and every console
message about the policy is collected; one is enough to fail."""

from django.urls import reverse

import pytest

from events.models import EventPage
from home.models import StandardPage

from .samples import EDITOR_PASSWORD, EDITOR_USERNAME

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
    + ` at ${event.sourceFile}:${event.lineNumber} on ${document.location.pathname}`);
});
"""


@pytest.fixture
def watched_tab(browse):
    tab = browse()
    tab.violations = []
    tab.context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text:
            tab.violations.append(text)

    tab.page.on("console", on_console)
    yield tab
    # Leave the admin while the test may still use the database: an open editor tells the
    # server, as it closes, that the editing session is over.
    tab.page.goto("about:blank")
    tab.page.wait_for_timeout(200)


def sign_in(tab):
    tab.goto("/admin/login/")
    tab.page.fill("input[name=username]", EDITOR_USERNAME)
    tab.page.fill("input[name=password]", EDITOR_PASSWORD)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.url.rstrip("/").endswith("/admin")


def english(model):
    return model.objects.filter(locale__language_code="en").order_by("path").first()


def test_sign_in_edit_and_publish_without_a_policy_violation(watched_tab):
    tab = watched_tab
    sign_in(tab)
    page = english(StandardPage)
    tab.goto(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    tab.page.wait_for_load_state("networkidle")
    title = tab.page.locator("#id_title")
    title.fill(f"{page.title} (revised)")
    # Publish sits in the footer's drop-down menu; open it as an editor does.
    tab.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with tab.page.expect_navigation():
        tab.page.locator("button[name='action-publish']").click()
    tab.page.wait_for_load_state("networkidle")
    assert "has been published" in tab.page.locator(".messages").inner_text()

    page.refresh_from_db()
    assert page.title.endswith("(revised)")
    assert page.live and not page.has_unpublished_changes
    assert tab.violations == []


def test_an_editor_with_date_and_time_pickers_runs_without_a_policy_violation(watched_tab):
    tab = watched_tab
    sign_in(tab)
    meeting = english(EventPage)
    tab.goto(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    tab.page.wait_for_load_state("networkidle")
    # Each picker is made by an inline script beside its field (wagtailadmin/widgets/
    # datetime_input.html); a blocked script leaves the field without one.
    assert tab.page.locator("#id_start").count() == 1
    tab.page.locator(".xdsoft_datetimepicker").first.wait_for(state="attached")
    assert tab.violations == []
