"""The Spanish interface catalogue is complete: every message marked for translation in the
templates and Python modules has a Spanish translation that is neither empty nor fuzzy, with the
same placeholders; and `compilemessages` works without GNU gettext."""

import io
import re
from unittest import mock

from django.core.management import call_command
from django.utils import translation

import polib
import pytest

from tests.i18n.catalogue import PROJECT, project_messages, template_messages

SPANISH_PO = PROJECT / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfg]|%[sdfg]")


def spanish_entries():
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural or None): entry
        for entry in polib.pofile(str(SPANISH_PO))
        if not entry.obsolete
    }


def translations_of(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_message_has_a_spanish_translation():
    entries = spanish_entries()
    problems = []
    for message, files in sorted(project_messages().items(), key=lambda item: item[0][1]):
        entry = entries.get(message)
        if entry is None:
            problems.append(f"missing: {message[1]!r} ({files[0]})")
        elif "fuzzy" in entry.flags or not all(translations_of(entry)):
            problems.append(f"fuzzy or empty: {message[1]!r} ({files[0]})")
    assert not problems, (
        "Run `manage.py makemessages -l es --ignore=.venv/*` and translate:\n" + "\n".join(problems)
    )


def test_translations_keep_the_placeholders():
    """Each form (singular, plural) keeps the placeholders of the English form it translates."""
    for entry in spanish_entries().values():
        english_forms = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        for english, spanish in zip(english_forms, translations_of(entry), strict=True):
            found = set(PLACEHOLDER.findall(spanish))
            assert found == set(PLACEHOLDER.findall(english)), (english, spanish)


def test_the_extractor_finds_what_makemessages_would():
    template = (
        "{% load i18n %}{% translate 'Skip to main content' %}"
        "{% blocktranslate with name=page.title %}Back to {{ name }}{% endblocktranslate %}"
        "{% blocktranslate count counter=n %}{{ counter }} result{% plural %}"
        "{{ counter }} results{% endblocktranslate %}"
        '{% translate "Menu" context "navigation" %}'
    )
    assert template_messages(template) == {
        (None, "Skip to main content", None),
        (None, "Back to %(name)s", None),
        (None, "%(counter)s result", "%(counter)s results"),
        ("navigation", "Menu", None),
    }


def test_the_interface_is_in_spanish_once_compiled():
    with translation.override("es"):
        assert translation.gettext("Skip to main content") == "Ir al contenido principal"
        assert translation.ngettext("%(counter)s resource", "%(counter)s resources", 2) == (
            "%(counter)s recursos"
        )


@pytest.fixture
def scratch_catalogue(tmp_path):
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    catalogue.append(polib.POEntry(msgid="Hello", msgstr="Hola"))
    catalogue.append(polib.POEntry(msgid="Later", msgstr="Luego", flags=["fuzzy"]))
    catalogue.save(str(folder / "django.po"))
    return folder


def test_compilemessages_works_without_msgfmt(scratch_catalogue, monkeypatch, settings):
    monkeypatch.chdir(scratch_catalogue.parents[2])
    settings.LOCALE_PATHS = [scratch_catalogue.parents[1]]
    output = io.StringIO()
    with mock.patch("home.management.commands.compilemessages.find_command", return_value=None):
        call_command("compilemessages", stdout=output, stderr=io.StringIO())
    assert "with polib" in output.getvalue()
    compiled = polib.mofile(str(scratch_catalogue / "django.mo"))
    assert {entry.msgid: entry.msgstr for entry in compiled} == {"Hello": "Hola"}
