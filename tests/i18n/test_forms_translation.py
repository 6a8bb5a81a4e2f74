"""A form page goes through wagtail-localize's translation editor whole: its questions' labels,
help text and choices, the consent wording and the thank-you text are strings to translate; the
answer keys and the staff email settings are not. Answers to the Spanish form are stored with
their language and listed and exported with the English form's."""

import csv
import io

from django.urls import reverse

from wagtail_localize.models import Translation, TranslationSource

import pytest

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import Submission
from tests.forms.support import filled
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

SPANISH = {
    "Connect with us": "Contáctenos",
    "connect": "contacto",
    # Rich text reaches translators paragraph by paragraph, without its tags.
    "Ask a question.": "Haga una pregunta.",
    "Thank you. We have received your message.": "Gracias. Recibimos su mensaje.",
    "Send message": "Enviar mensaje",
    "I agree that CARE keeps my answers to reply to me.": (
        "Acepto que CARE guarde mis respuestas para responderme."
    ),
    "Thanks for writing to CARE.": "Gracias por escribir a CARE.",
    "Your name": "Su nombre",
    "As you would like to be addressed": "Como prefiera que le llamemos",
    "How did you hear about us?": "¿Cómo nos conoció?",
    "A colleague": "Un colega",
    "The newsletter": "El boletín",
}


@pytest.fixture
def form(home_page):
    page = FormPageFactory(
        parent=home_page,
        title="Connect with us",
        slug="connect",
        intro="<p>Ask a question.</p>",
        submit_label="Send message",
        consent_text="I agree that CARE keeps my answers to reply to me.",
        confirmation_text="Thanks for writing to CARE.",
    )
    FormFieldFactory(
        page=page,
        label="Your name",
        help_text="As you would like to be addressed",
        field_type="singleline",
        sort_order=0,
    )
    FormFieldFactory(
        page=page,
        label="How did you hear about us?",
        field_type="dropdown",
        choices="A colleague\nThe newsletter",
        required=False,
        sort_order=1,
    )
    return page


@pytest.fixture
def translation(form, home_page, spanish, django_capture_on_commit_callbacks):
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(form)
    return Translation.objects.create(source=source, target_locale=spanish)


def test_the_translation_editor_has_every_visitor_facing_string(translation):
    po = translation.export_po()
    fields = {entry.msgctxt.rsplit(".", 1)[-1] for entry in po}
    assert {
        "title",
        "slug",
        "intro",
        "thank_you_text",
        "submit_label",
        "consent_text",
        "confirmation_text",
        "label",
        "help_text",
        "choices",
    } <= fields
    assert not {"clean_name", "to_address", "from_address", "subject"} & fields
    assert {entry.msgid for entry in po} >= {"A colleague<br/>The newsletter", "Your name"}


def test_a_translated_form_takes_spanish_answers_exported_with_english_ones(
    client, admin_client, form, translation, spanish, django_capture_on_commit_callbacks
):
    po = translation.export_po()
    for entry in po:
        english = entry.msgid.replace("<br/>", "\n")
        spanish_text = "\n".join(SPANISH.get(line, line) for line in english.split("\n"))
        entry.msgstr = SPANISH.get(english, spanish_text).replace("\n", "<br/>")
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    spanish_form = form.get_translation(spanish).specific
    assert spanish_form.consent_text.startswith("Acepto")
    fields = list(spanish_form.form_fields.all())
    assert [(f.clean_name, f.label) for f in fields] == [
        ("your_name", "Su nombre"),
        ("how_did_you_hear_about_us", "¿Cómo nos conoció?"),
    ]
    assert fields[0].help_text == "Como prefiera que le llamemos"
    assert fields[1].choices.splitlines() == ["Un colega", "El boletín"]

    page_text = visible_text(client.get(spanish_form.url))
    assert "Acepto que CARE guarde" in page_text and "Enviar mensaje" in page_text
    answers = {"your_name": "Sor Juana", "how_did_you_hear_about_us": "El boletín"}
    response = client.post(spanish_form.url, filled(spanish_form, answers))
    assert "Gracias. Recibimos su mensaje." in visible_text(response)
    client.post(form.url, filled(form, {"your_name": "Ada", "how_did_you_hear_about_us": ""}))
    assert dict(Submission.objects.values_list("form_data__your_name", "language")) == {
        "Sor Juana": "es",
        "Ada": "en",
    }

    url = reverse("wagtailforms:list_submissions", args=[form.pk])
    export = admin_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    by_name = {row[1]: row for row in rows[1:]}
    # Stored as chosen ("El boletín"), exported as the English form's choice in its place.
    assert by_name["Sor Juana"][2:4] == ["The newsletter", "es"]
    assert by_name["Ada"][3] == "en"
