"""Guidance in the page editor: help text on the fields editors fill in, a live character count
on limited fields, a warning when a page is saved without a summary, and the settings that
keep editing from losing work (workflow, comments, the notice naming who else is editing)."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from wagtail import hooks
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from home import wagtail_hooks
from home.factories import StandardPageFactory
from home.models import StandardPage
from tests.helpers import soup, visible_text

# Fields editors fill in on a page, defined by this project (Wagtail's own, such as the title
# or the promote tab, carry Wagtail's help text).
EDITOR_FIELDS = [
    (model, field)
    for model in get_page_models()
    if model is not Page
    for field in model._meta.get_fields()
    if getattr(field, "concrete", False)
    and getattr(field, "editable", False)
    and not field.auto_created
    and field.model is model
    and field.model._meta.app_label in {"home", "resources", "partners", "events"}
    and not field.primary_key
]


@pytest.mark.parametrize(
    ("model", "field"), EDITOR_FIELDS, ids=lambda item: getattr(item, "name", "")
)
def test_every_page_field_explains_itself(model, field):
    assert str(field.help_text).strip(), f"{model._meta.label}.{field.name} has no help_text"


@pytest.mark.django_db
def test_the_editor_shows_a_character_count_on_limited_fields(admin_client, home_page):
    page = StandardPageFactory(parent=home_page)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    document = soup(response)
    labels = json.loads(document.find(id="care-character-count-labels").string)
    assert labels["count"] == "%(used)s of %(limit)s characters"
    assert labels["recommended"]["title"] == wagtail_hooks.RECOMMENDED_LENGTHS["title"]
    summary = document.find("textarea", attrs={"name": "summary"})
    assert summary["maxlength"] == "300"  # what the count counts against


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["standard page", "form page"])
def test_the_title_count_counts_toward_the_recommended_length(
    admin_client, home_page, contact_form, kind
):
    page = StandardPageFactory(parent=home_page) if kind == "standard page" else contact_form
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    document = soup(response)
    title = document.find("input", attrs={"name": "title"})
    assert title["data-care-recommended-length"] == "70"
    assert title["maxlength"] == "255"  # the only limit: longer titles than 70 are taken
    assert "w-sync" in title["data-controller"]  # still Wagtail's title panel (slug sync)
    labels = json.loads(document.find(id="care-character-count-labels").string)
    assert labels["toward"] == (
        "%(used)s of about %(soft)s characters recommended (%(limit)s at most)."
    )


@pytest.mark.django_db
def test_a_title_past_the_recommended_length_is_saved(page_asserts, home_page):
    title = "A long title " * 10
    data = nested_form_data(
        {
            "title": title,
            "slug": "long",
            "summary": "Who we are.",
            "body": streamfield([("heading", {"text": "Our history", "level": "h2"})]),
        }
    )
    page_asserts.assertCanCreate(home_page, StandardPage, data)
    assert StandardPage.objects.get(slug="long").title == title.strip()


def saved(page):
    request = RequestFactory().post("/admin/")
    request.session = {}
    request._messages = FallbackStorage(request)
    for hook in hooks.get_hooks("after_edit_page"):
        if hook.__module__ == "home.wagtail_hooks":
            hook(request, page)
    return [str(message) for message in get_messages(request)]


@pytest.mark.django_db
def test_saving_a_page_without_a_summary_warns_the_editor(home_page):
    page = StandardPageFactory(parent=home_page, title="About CARE", summary="  ")
    assert saved(page) == [
        "“About CARE” has no summary. Cards and search results will show only its title: "
        "add one or two sentences in the Summary field."
    ]
    page.summary = "Who we are and what we do."
    assert saved(page) == []


def test_the_summary_warning_runs_on_create_and_edit():
    for hook_name in ("after_create_page", "after_edit_page"):
        assert any(
            hook.__name__ == "warn_about_an_empty_summary" for hook in hooks.get_hooks(hook_name)
        ), hook_name


def test_editing_never_loses_work_settings_are_on():
    assert settings.WAGTAIL_WORKFLOW_ENABLED
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED
    assert 0 < settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL <= 10_000


@pytest.mark.django_db
def test_two_people_editing_one_page_are_told_about_each_other(
    client, editor, moderator, home_page
):
    """Wagtail records an editing session for each person with the page open and tells the
    others, by name, in the editor's header."""
    page = StandardPageFactory(parent=home_page, title="About CARE")
    client.force_login(moderator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    session = soup(response).select_one("[data-controller~='w-session']")
    assert session is not None, "the editing-session notice is on"
    ping = session["data-w-swap-src-value"]
    pinged = client.post(ping, {"is_editing": "1"})
    assert pinged.status_code == 200
    assert [other["user"] for other in pinged.json()["other_sessions"]] == ["moderator"]
    assert "moderator" in pinged.json()["html"]


@pytest.mark.django_db
def test_an_abandoned_new_page_stays_as_a_draft_that_holds_its_slug(admin_client, home_page):
    """What the guide says under "Editing never loses work": Wagtail autosaves a new page once
    it has a title, so starting again with the same title finds the slug taken, with the
    message the guide quotes."""
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    form = soup(admin_client.get(url)).find("form", attrs={"data-edit-form": True})
    assert "w-autosave" in form["data-controller"].split()
    data = nested_form_data(
        {
            "title": "Our partners",
            "slug": "our-partners",
            "body": streamfield([("heading", {"text": "Who", "level": "h2"})]),
        }
    )
    # The autosave's request: the form as it stands, asking for JSON, with no action button.
    autosaved = admin_client.post(url, data, HTTP_ACCEPT="application/json")
    assert autosaved.json()["success"] is True
    draft = StandardPage.objects.child_of(home_page).get(slug="our-partners")
    assert not draft.live

    again = admin_client.post(url, data)
    assert again.status_code == 200
    message = "The slug 'our-partners' is already in use within the parent page."
    assert message in visible_text(again)
    guide = Path(settings.BASE_DIR, "docs", "editor-guide.md").read_text()
    assert "“The slug '…' is already in use within the parent page.”" in guide
