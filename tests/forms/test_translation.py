"""Translated forms: the Spanish form shows Spanish labels but keeps the English field names, so
its answers are stored under the same keys, listed and exported with the English ones, with the
language recorded."""

import csv
import io

from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

import pytest

from forms.models import FormPage, Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import soup, visible_text

SPANISH_LABELS = {
    "your_name": "Su nombre",
    "email": "Correo electrónico",
    "how_did_you_hear_about_us": "¿Cómo nos conoció?",
    "message": "Mensaje",
}


@pytest.fixture
def spanish_form(contact_form, spanish_home, spanish):
    """The Spanish copy Wagtail makes, then translated field by field as an editor would."""
    page = FormPage.objects.get(pk=contact_form.copy_for_translation(spanish).pk)
    page.consent_text = "Acepto que CARE guarde mis respuestas para responderme."
    page.thank_you_text = "<p>Gracias. Recibimos su mensaje.</p>"
    fields = list(page.form_fields.all())
    for field in fields:
        field.label = SPANISH_LABELS[field.clean_name]
        if field.clean_name == "how_did_you_hear_about_us":
            field.choices = "Un colega\nEl boletín"
    page.form_fields = fields
    page.save_revision().publish()
    return FormPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_the_translation_keeps_the_english_field_names(contact_form, spanish_form, spanish):
    english = {f.translation_key: f.clean_name for f in contact_form.form_fields.all()}
    translated = list(spanish_form.form_fields.all())
    assert {f.locale_id for f in translated} == {spanish.pk}
    assert {f.translation_key: f.clean_name for f in translated} == english
    assert [f.label for f in translated] == list(SPANISH_LABELS.values())


@pytest.mark.django_db
def test_the_spanish_form_shows_spanish_labels_with_english_names(client, spanish_form):
    response = client.get(spanish_form.url)
    assert response.status_code == 200
    assert spanish_form.url.startswith("/es/")
    document = soup(response)
    label = document.find("label", attrs={"for": "id_your_name"})
    assert "Su nombre" in label.get_text()
    assert "Acepto que CARE guarde mis respuestas" in visible_text(response)


@pytest.mark.django_db
def test_answers_in_both_languages_export_together(
    client, admin_client, contact_form, spanish_form
):
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    spanish_answers = {
        "your_name": "Sor Juana",
        "email": "juana@example.org",
        "how_did_you_hear_about_us": "El boletín",
        "message": "¿Cuándo es la próxima reunión?",
    }
    response = client.post(spanish_form.url, filled(spanish_form, spanish_answers))
    assert "Gracias. Recibimos su mensaje." in visible_text(response)
    spanish_submission = Submission.objects.get(page=spanish_form)
    assert spanish_submission.language == "es"
    assert spanish_submission.form_data == spanish_answers
    assert spanish_submission.consent_text.startswith("Acepto")

    # The English form's listing and export hold both, in the same columns.
    for page in (contact_form, spanish_form):
        url = reverse("wagtailforms:list_submissions", args=[page.pk])
        assert "Sor Juana" in visible_text(admin_client.get(url))
    url = reverse("wagtailforms:list_submissions", args=[contact_form.pk])
    export = admin_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][1:] == [
        "Your name",
        "Email",
        "How did you hear about us?",
        "Message",
        "Language",
        "Consent given",
    ]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ada Lovelace"][2:6] == [
        "ada@example.org",
        "A colleague",
        "How do I join the peer learning community?",
        "en",
    ]
    # The choice is exported as the English form's (tests/forms/test_export_choice_language.py).
    assert by_name["Sor Juana"][2:6] == [
        "juana@example.org",
        "The newsletter",
        "¿Cuándo es la próxima reunión?",
        "es",
    ]


@pytest.mark.django_db
def test_a_question_only_in_one_language_still_gets_a_column(contact_form, spanish_form):
    from forms.factories import FormFieldFactory

    FormFieldFactory(page=spanish_form, label="Región", field_type="singleline", sort_order=9)
    names = [name for name, _label in contact_form.get_data_fields()]
    assert names == [
        "submit_time",
        "your_name",
        "email",
        "how_did_you_hear_about_us",
        "message",
        "region",
        "language",
    ]


@pytest.mark.django_db
def test_wagtail_localize_translates_labels_but_not_field_names(
    contact_form, spanish_home, spanish, django_capture_on_commit_callbacks
):
    source, _created = TranslationSource.get_or_create_from_instance(contact_form)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    po = translation.export_po()
    contexts = [entry.msgctxt for entry in po]
    assert not any(context.endswith(".clean_name") for context in contexts)
    assert any(context.endswith(".label") for context in contexts)
    spanish_by_english = {
        "Your name": "Su nombre",
        "Email": "Correo electrónico",
        "How did you hear about us?": "¿Cómo nos conoció?",
        "Message": "Mensaje",
    }
    for entry in po:
        entry.msgstr = spanish_by_english.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    page = contact_form.get_translation(spanish)
    assert [(f.clean_name, f.label) for f in page.specific.form_fields.all()] == [
        ("your_name", "Su nombre"),
        ("email", "Correo electrónico"),
        ("how_did_you_hear_about_us", "¿Cómo nos conoció?"),
        ("message", "Mensaje"),
    ]


@pytest.mark.django_db
def test_renaming_an_english_label_keeps_the_stored_key(contact_form):
    field = contact_form.form_fields.get(clean_name="your_name")
    field.label = "Full name"
    field.save()
    field.refresh_from_db()
    assert field.clean_name == "your_name"
