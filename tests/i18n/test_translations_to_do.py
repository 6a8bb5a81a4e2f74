"""The dashboard's "Translations to do" (home/dashboard.py): Spanish translations begun and not
finished, or finished and not yet published, and those behind their English page, each with the
Translation status report's words for it and a link to its translation editor; a finished one
can be submitted for moderation from there."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home import roles
from home.factories import StandardPageFactory
from tests.editors.conftest import member_of
from tests.helpers import collapse, soup

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


def translation_draft(page, locale, share):
    """`page` sent for translation (a draft copy) with `share` of its text translated in the
    translation editor."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    po = translation.export_po()
    for number, entry in enumerate(po):
        if number < len(po) * share:
            entry.msgstr = f"ES {entry.msgid}"
    translation.import_po(po)
    return page.get_translation(locale)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def panel(client):
    return soup(client.get(DASHBOARD)).find(id="care-translations-section")


def items(section):
    """{list item text: its first link} for each page the panel names."""
    return {
        collapse(item.get_text(" ")).removesuffix(" Submit for moderation"): item.a["href"]
        for item in section.select("li")
    }


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, roles.EDITORS, "editor")


@pytest.fixture
def translator(django_user_model, spanish_home):
    return member_of(django_user_model, roles.TRANSLATORS, "translator")


@pytest.fixture
def drafts(home_page, spanish_home, spanish):
    pages = {
        title: StandardPageFactory(
            parent=home_page, title=title, summary="One.", search_description="Two."
        )
        for title in ("Untouched", "Half", "Done", "Published")
    }
    copies = {
        "Untouched": translation_draft(pages["Untouched"], spanish, 0),
        "Half": translation_draft(pages["Half"], spanish, 0.5),
        "Done": translation_draft(pages["Done"], spanish, 1),
        "Published": translation_draft(pages["Published"], spanish, 1),
    }
    copies["Published"].get_latest_revision().publish()
    return copies


def test_drafts_are_listed_with_their_status_and_a_link_to_the_translation_editor(
    client, editor, drafts
):
    client.force_login(editor)
    section = panel(client)
    text = collapse(section.get_text(" "))
    assert "3 Spanish translations are not finished or not yet published." in text
    listed = items(section)
    half = f"Translate “Half” {translated_share(drafts['Half'])}% translated"
    assert listed["Translate “Done” Not yet published"] == edit_url(drafts["Done"])
    assert listed[half] == edit_url(drafts["Half"])
    assert listed["Translate “Untouched” Not started"] == edit_url(drafts["Untouched"])
    # Nearest to done first; a published, fully translated copy is not to do.
    assert text.index("“Done”") < text.index("“Half”") < text.index("“Untouched”")
    assert "“Published”" not in text


def translated_share(copy):
    """The share wagtail-localize counts as translated, as the report shows it."""
    total, done = Translation.objects.get(
        source__object_id=copy.translation_key, target_locale=copy.locale
    ).get_progress()
    return done * 100 // total


def test_translations_behind_their_english_page_are_listed_as_out_of_date(
    client, editor, drafts, english
):
    english = Page.objects.get(translation_key=drafts["Published"].translation_key, locale=english)
    Page.objects.filter(pk=english.pk).update(
        last_published_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(editor)
    section = panel(client)
    assert "1 Spanish page is behind its English page." in collapse(section.get_text(" "))
    assert items(section)["Update “Published” Out of date"] == edit_url(drafts["Published"])


def test_a_translator_submits_a_finished_translation_for_moderation_from_the_panel(
    client, translator, drafts
):
    client.force_login(translator)
    done = drafts["Done"]
    form = panel(client).find("form", action=edit_url(done))
    assert form.find("button", attrs={"name": "action-submit"})
    # Only a finished translation offers it.
    assert len(panel(client).select("button[name=action-submit]")) == 1

    response = client.post(edit_url(done), {"action-submit": ""})
    assert response.status_code == 302
    state = done.current_workflow_state
    assert state is not None and state.requested_by == translator
    # The draft the moderator will approve carries the translation, not the English text.
    done.refresh_from_db()
    assert not done.live
    assert done.get_latest_revision_as_object().title == "ES Done"


def test_an_unfinished_translation_is_not_submitted(client, translator, drafts):
    client.force_login(translator)
    half = drafts["Half"]
    response = client.post(edit_url(half), {"action-submit": ""})
    assert response.status_code == 302
    assert half.current_workflow_state is None
    [message] = get_messages(response.wsgi_request)
    assert "still has text to translate" in str(message)
