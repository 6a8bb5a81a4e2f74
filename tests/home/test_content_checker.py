"""The accessibility checker editors see (user bar and the editor's Checks panel) runs Wagtail's
checks plus the CARE ones, with their evaluators' script and plain-words messages. That the
checks find what they should, in a real browser: tests/browser/test_content_checker.py."""

import json

from django.urls import reverse

from wagtail.admin.userbar import ContentCheckerItem

import pytest

from home.factories import StandardPageFactory
from home.wagtail_hooks import (
    HEADING_RULE,
    LINK_TEXT_RULE,
    CareContentCheckerItem,
    add_care_content_checks,
)
from tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="About", slug="about")


def userbar_configuration(html):
    """The axe configuration the user bar embeds (inside its <template>)."""
    template = soup(html).find("template", id="wagtail-userbar-template")
    script = soup(template.decode_contents()).find("script", id="checker-axe-configuration")
    return json.loads(script.string)


def test_user_bar_runs_wagtails_checks_and_ours(admin_client, standard_page):
    response = admin_client.get(standard_page.url)
    config = userbar_configuration(response.content.decode())
    run_only = config["options"]["runOnly"]
    assert set(ContentCheckerItem.axe_run_only) <= set(run_only)
    assert {LINK_TEXT_RULE, HEADING_RULE} <= set(run_only)
    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    assert rules[LINK_TEXT_RULE]["any"] == ["care-link-text-descriptive"]
    assert rules[HEADING_RULE]["selector"].startswith("main h1")
    checks = {check["id"]: check for check in config["spec"]["checks"]}
    assert "click here" in checks["care-link-text-descriptive"]["options"]["vague"]
    assert "haga clic aquí" in checks["care-link-text-descriptive"]["options"]["vague"]
    assert config["messages"][LINK_TEXT_RULE]["error_name"] == "Link text is vague"
    assert config["messages"][HEADING_RULE]["error_name"] == "Heading level skipped"


def test_user_bar_loads_the_evaluators_after_axe(admin_client, standard_page):
    html = admin_client.get(standard_page.url).content.decode()
    scripts = [script.get("src", "") for script in soup(html).find_all("script")]
    userbar = next(i for i, src in enumerate(scripts) if "wagtailadmin/js/userbar.js" in src)
    checks = next(i for i, src in enumerate(scripts) if src.endswith("home/js/content_checks.js"))
    assert checks > userbar


def test_visitors_get_no_user_bar_and_no_checker_script(client, standard_page):
    html = client.get(standard_page.url).content.decode()
    assert "content_checks.js" not in html
    assert "wagtail-userbar" not in html


def test_editors_checks_panel_uses_the_same_configuration(admin_client, standard_page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[standard_page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert LINK_TEXT_RULE in html
    assert HEADING_RULE in html


def test_hook_swaps_wagtails_item_once_and_keeps_the_editor_flag(rf):
    items = [ContentCheckerItem(in_editor=True), "other item"]
    add_care_content_checks(rf.get("/"), items, None)
    assert type(items[0]) is CareContentCheckerItem
    assert items[0].in_editor is True
    assert items[1] == "other item"
    add_care_content_checks(rf.get("/"), items, None)
    assert type(items[0]) is CareContentCheckerItem
