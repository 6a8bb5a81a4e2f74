"""Choice answers in one language: a Spanish visitor's choices are stored in Spanish, and
reviewers read and export them as the English form's choices in the same place of the list,
with the answer's language in its own column. A stored answer that is no choice any more is
given as stored."""

import pytest

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import FormPage, Submission
from tests.forms.support import filled
from tests.forms.test_submissions_admin import csv_rows, submissions_url, xlsx_rows
from tests.helpers import visible_text

AREAS_EN = "Research\nLaw\nPolicy"
AREAS_ES = "Investigación\nLey\nPolíticas"
TOPICS_EN = "Housing\nHealth\nEducation"
TOPICS_ES = "Vivienda\nSalud\nEducación"


@pytest.fixture
def interest_form(home_page):
    form = FormPageFactory(parent=home_page, title="Join the network", slug="join")
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(page=form, label="Area", field_type="dropdown", choices=AREAS_EN, sort_order=1)
    FormFieldFactory(
        page=form,
        label="Topics",
        field_type="checkboxes",
        choices=TOPICS_EN,
        required=False,
        sort_order=2,
    )
    return form


@pytest.fixture
def spanish_interest_form(interest_form, spanish_home, spanish):
    page = FormPage.objects.get(pk=interest_form.copy_for_translation(spanish).pk)
    fields = list(page.form_fields.all())
    for field in fields:
        field.label = {"your_name": "Su nombre", "area": "Área", "topics": "Temas"}[
            field.clean_name
        ]
        field.choices = {"area": AREAS_ES, "topics": TOPICS_ES}.get(field.clean_name, "")
    page.form_fields = fields
    page.save_revision().publish()
    return FormPage.objects.get(pk=page.pk)


@pytest.fixture
def answered(client, interest_form, spanish_interest_form):
    """One English and one Spanish answer, given through the forms; and a Spanish answer
    whose choices were edited away since."""
    english = {"your_name": "Ada", "area": "Research", "topics": ["Health"]}
    response = client.post(interest_form.url, filled(interest_form, english))
    assert response.status_code == 200
    spanish = {"your_name": "Juana", "area": "Ley", "topics": ["Vivienda", "Educación"]}
    response = client.post(spanish_interest_form.url, filled(spanish_interest_form, spanish))
    assert response.status_code == 200
    stored = Submission.objects.get(page=spanish_interest_form)
    assert stored.language == "es"
    assert stored.form_data["area"] == "Ley"
    Submission.objects.create(
        page=spanish_interest_form,
        language="es",
        form_data={"your_name": "Sor", "area": "Derecho", "topics": ["Salud", "Cultura"]},
    )
    return interest_form


def by_name(rows):
    header = list(rows[0])
    return header, {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}


EXPECTED = {
    "Ada": ("Research", "Health", "en"),
    "Juana": ("Law", "Housing, Education", "es"),
    # "Derecho" and "Cultura" are no choices of the Spanish form: kept as stored.
    "Sor": ("Derecho", "Health, Cultura", "es"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_exports_give_choices_in_english_with_the_language(admin_client, answered, export):
    response = admin_client.get(submissions_url(answered), {"export": export})
    rows = csv_rows(response) if export == "csv" else xlsx_rows(response)
    header, rows = by_name(rows)
    assert header[1:] == ["Your name", "Area", "Topics", "Language", "Consent given"]
    for name, (area, topics, language) in EXPECTED.items():
        row = rows[name]
        assert row["Area"] == area
        # Several choices are one cell, as Wagtail exports them.
        assert row["Topics"] == topics
        assert row["Language"] == language


@pytest.mark.django_db
def test_the_spanish_forms_export_is_in_english_too(admin_client, answered):
    spanish_form = answered.get_translation(answered.get_translations().get().locale)
    rows = csv_rows(admin_client.get(submissions_url(spanish_form), {"export": "csv"}))
    _header, rows = by_name(rows)
    assert [rows["Juana"][column] for column in ("Área", "Temas", "Language")] == [
        "Law",
        "Housing, Education",
        "es",
    ]


@pytest.mark.django_db
def test_the_admin_list_gives_choices_in_english(admin_client, answered):
    text = visible_text(admin_client.get(submissions_url(answered)))
    assert "Housing, Education" in text
    assert "Health, Cultura" in text
    assert "Ley" not in text
    assert "Vivienda" not in text


@pytest.mark.django_db
def test_stored_answers_stay_as_given(admin_client, answered):
    admin_client.get(submissions_url(answered), {"export": "csv"})
    stored = Submission.objects.get(form_data__your_name="Juana")
    assert stored.form_data == {
        "your_name": "Juana",
        "area": "Ley",
        "topics": ["Vivienda", "Educación"],
    }
