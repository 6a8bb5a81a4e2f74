"""The whole path of a translation, as the people doing it walk it through the admin, and what
Spanish visitors see at each step: an editor sends an English resource for translation (nothing
new appears in Spanish); a translator translates each piece of text in wagtail-localize's
translation editor and submits it for moderation (still nothing in Spanish); a moderator approves
it in the "Editor → Moderator" workflow, which publishes it (the Spanish page, its place in the
Spanish library, sitemap, search and API); the English page changes and is published again (the
Spanish one is out of date). The Translation status report follows every step."""

import json

from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wagtail.models import Locale, WorkflowState

import pytest

from home import roles
from resources.models import ResourcePage
from tests.editors.conftest import member_of
from tests.helpers import collapse, soup, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

NOTICE = "Esta página aún no está traducida"
SPANISH_TITLE = "Guía de equidad en salud para comunidades"
REPORT = reverse("translation_status_report:index")
DASHBOARD = reverse("wagtailadmin_home")


def spanish_status(client, title, status):
    """The report's Spanish column for the English page `title`, listed among pages with
    `status` in Spanish (the filter keeps the list to one screen on the seeded site)."""
    response = client.get(REPORT, {"status": status})
    assert response.status_code == 200
    for row in soup(response).select("table.listing tbody tr"):
        cells = row.find_all("td")
        if cells[0].get_text(" ", strip=True).startswith(title):
            return cells[2].find("span").get_text(strip=True)
    return None


def editor_props(client, page):
    """What the translation editor (wagtail-localize's React app) is given to work with."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return json.loads(soup(response).select_one(".js-translation-editor")["data-props"])


def translate_segment(client, segment, text):
    """What the editor's JavaScript sends when a translator saves one piece of text."""
    body = encode_multipart(BOUNDARY, {"value": text})
    response = client.put(segment["editUrl"], body, content_type=MULTIPART_CONTENT)
    assert response.status_code in (200, 201), response.content


def seen_in_spanish(client, english, copy, words):
    """Where a Spanish visitor or an API client could meet the translation."""
    library = copy.get_parent().specific
    api = client.get("/api/v2/pages/", {"locale": "es", "translation_of": english.pk}).json()
    return {
        "library": bool(
            soup(client.get(library.url, {"q": words})).select(f'a[href="{copy.url}"]')
        ),
        "sitemap": copy.full_url in client.get("/sitemap-es.xml").content.decode(),
        "search": copy.url in client.get("/es/search/", {"q": words}).content.decode(),
        "api listing": api["meta"]["total_count"] == 1,
        "api page": client.get(f"/api/v2/pages/{copy.pk}/").status_code == 200,
    }


@pytest.fixture
def people(django_user_model):
    return {
        name: member_of(django_user_model, group, name)
        for name, group in (
            ("editor", roles.EDITORS),
            ("moderator", roles.MODERATORS),
            ("translator", roles.TRANSLATORS),
        )
    }


def test_a_translation_goes_from_request_to_spanish_page_through_the_workflow(client, people):
    spanish = Locale.objects.get(language_code="es")
    english = next(
        page
        for page in ResourcePage.objects.live().filter(locale__language_code="en")
        if not page.has_translation(spanish)
    )
    visitor = client.__class__()
    editor, moderator, translator = (
        client.__class__() for _name in ("editor", "moderator", "translator")
    )
    editor.force_login(people["editor"])
    moderator.force_login(people["moderator"])
    translator.force_login(people["translator"])

    # An editor sends the page for translation; wagtail-localize finishes on commit.
    submit = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor.post(submit, {"locales": [spanish.pk]})
        assert response.status_code == 302
    copy = english.get_translation(spanish)
    assert not copy.live
    assert spanish_status(editor, english.title, "not_started") == "Not started"

    # Spanish visitors still get the untranslated page, and nothing lists a Spanish copy.
    response = visitor.get(copy.url)
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == english.title
    assert NOTICE in visible_text(response)
    assert not any(seen_in_spanish(visitor, english, copy, english.title).values())

    # The translator opens the translation editor and translates the pieces one by one.
    props = editor_props(translator, copy)
    strings = [segment for segment in props["segments"] if segment["type"] == "string"]
    assert len(strings) > 1
    for number, segment in enumerate(strings, start=1):
        is_title = segment["id"] == props["object"]["titleSegmentId"]
        translate_segment(
            translator, segment, SPANISH_TITLE if is_title else f"ES {segment['source']}"
        )
        if number == 1:
            share = 100 // len(strings)
            assert spanish_status(editor, english.title, "in_progress") == f"{share}% translated"
    assert spanish_status(editor, english.title, "unpublished") == "Not yet published"
    # A translator may not publish: the editor offers them no "Publish in Spanish".
    assert editor_props(translator, copy)["perms"]["canPublish"] is False

    # From the dashboard's "Translations to do", the translator submits it for moderation.
    edit_url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    panel = soup(translator.get(DASHBOARD)).find(id="care-translations-section")
    assert f"Translate “{english.title}” Not yet published" in collapse(panel.get_text(" "))
    form = panel.find("form", action=edit_url)
    assert form.find("button", attrs={"name": "action-submit"})
    assert translator.post(edit_url, {"action-submit": ""}).status_code == 302
    state = copy.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == people["translator"]
    copy.refresh_from_db()
    assert not copy.live
    assert not any(seen_in_spanish(visitor, english, copy, SPANISH_TITLE).values())

    # A moderator finds it awaiting review and approves it: Wagtail publishes the draft.
    assert SPANISH_TITLE in visible_text(moderator.get(DASHBOARD))
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[copy.pk, "approve", task_state.pk]
    )
    assert moderator.post(approve, {"comment": ""}).status_code in (200, 302)
    state.refresh_from_db()
    copy.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert copy.live
    assert spanish_status(editor, english.title, "up_to_date") == "Up to date"

    # Now it is Spanish everywhere.
    response = visitor.get(copy.url)
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == SPANISH_TITLE
    assert NOTICE not in visible_text(response)
    assert all(seen_in_spanish(visitor, english, copy, SPANISH_TITLE).values())

    # An editor changes the English page; once a moderator approves, the Spanish is behind.
    english.title = f"{english.title} (2nd edition)"
    english.save_revision(user=people["editor"])
    english.get_workflow().start(english, people["editor"])
    task_state = english.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[english.pk, "approve", task_state.pk]
    )
    assert moderator.post(approve, {"comment": ""}).status_code in (200, 302)
    assert spanish_status(editor, english.title, "out_of_date") == "Out of date"
    panel = soup(editor.get(DASHBOARD)).find(id="care-translations-section")
    assert f"Update “{english.title}” Out of date" in collapse(panel.get_text(" "))
    assert edit_url in {a["href"] for a in panel.find_all("a", href=True)}
