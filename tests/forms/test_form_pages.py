"""Public forms ("Suggest a resource", "Connect with us"): where they go, building one in the
admin, what a visitor sees when they fill one in, and how staff get the answers."""

import csv
import io

from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import openpyxl
import pytest

from events.models import EventIndexPage, EventPage
from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import FormPage
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage
from tests.helpers import soup, visible_text

# Tree rules ---------------------------------------------------------------------------------


def test_forms_go_under_the_landing_page_a_standard_page_or_the_community_page(page_asserts):
    """`FormPage.parent_page_types` names the community page too: the 'Register for the Peer
    Learning Community' form belongs there."""
    page_asserts.assertCanCreateAt(HomePage, FormPage)
    page_asserts.assertCanCreateAt(StandardPage, FormPage)
    page_asserts.assertCanCreateAt(EventIndexPage, FormPage)
    page_asserts.assertAllowedParentPageTypes(FormPage, {HomePage, StandardPage, EventIndexPage})


def test_forms_do_not_go_anywhere_else(page_asserts):
    for parent in (ResourceIndexPage, ResourcePage, PartnerIndexPage, PartnerPage, EventPage):
        page_asserts.assertCanNotCreateAt(parent, FormPage)
    page_asserts.assertAllowedSubpageTypes(FormPage, set())


# Building a form in the admin ------------------------------------------------------------------


def form_page_data(**overrides):
    data = {
        "title": "Connect with us",
        "slug": "connect",
        "intro": rich_text("<p>Ask a question or share an idea.</p>"),
        "form_fields": inline_formset(
            [
                {
                    "label": "Your name",
                    "field_type": "singleline",
                    "required": "on",
                    "choices": "",
                    "default_value": "",
                    "help_text": "",
                },
                {
                    "label": "How did you hear about us?",
                    "field_type": "dropdown",
                    "required": "",
                    "choices": "A colleague\nThe newsletter",
                    "default_value": "",
                    "help_text": "Optional.",
                },
            ]
        ),
        "submit_label": "Send",
        "thank_you_text": rich_text("<p>Thank you. We will reply soon.</p>"),
        "to_address": "staff@care.example.org",
        "from_address": "noreply@care.example.org",
        "subject": "New message from the website",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_admin_builds_a_form(page_asserts, home_page):
    page_asserts.assertCanCreate(home_page, FormPage, form_page_data())
    form = FormPage.objects.child_of(home_page).get(slug="connect")
    fields = list(form.form_fields.all())
    assert [(f.label, f.field_type, f.required) for f in fields] == [
        ("Your name", "singleline", True),
        ("How did you hear about us?", "dropdown", False),
    ]
    assert form.to_address == "staff@care.example.org"


@pytest.mark.django_db
def test_admin_refuses_a_bad_notification_address(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["care_forms", "formpage", home_page.pk])
    data = form_page_data(to_address="staff at care")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "to_address" in response.context["form"].errors
    assert not FormPage.objects.exists()


# Filling in a form ----------------------------------------------------------------------------


@pytest.fixture
def contact_form(home_page):
    form = FormPageFactory(
        parent=home_page,
        title="Connect with us",
        slug="connect",
        intro="<p>Ask a question or share an idea.</p>",
        thank_you_text="<p>Thank you. We have received your message.</p>",
        submit_label="Send message",
        to_address="staff@care.example.org",
        from_address="noreply@care.example.org",
        subject="New message from the website",
    )
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(
        page=form,
        label="Email",
        field_type="email",
        sort_order=1,
        help_text='Use your <b>work</b> address <script>alert("x")</script>',
    )
    FormFieldFactory(
        page=form,
        label="How did you hear about us?",
        field_type="dropdown",
        choices="A colleague\nThe newsletter",
        required=False,
        sort_order=2,
    )
    FormFieldFactory(
        page=form, label="Message", field_type="multiline", required=False, sort_order=3
    )
    return form


VALID_ANSWERS = {
    "your_name": "Ada Lovelace",
    "email": "ada@example.org",
    "how_did_you_hear_about_us": "A colleague",
    "message": "How do I join the peer learning community?",
}


@pytest.mark.django_db
def test_form_shows_its_fields_and_escapes_help_text(client, contact_form):
    response = client.get(contact_form.url)
    assert response.status_code == 200
    html = response.content.decode()
    document = soup(response)
    assert "Ask a question or share an idea." in visible_text(response)
    for name in ("your_name", "email", "how_did_you_hear_about_us", "message"):
        assert document.find(attrs={"name": name}) is not None, name
    assert document.find("button", string="Send message") is not None
    # Help text is shown as text, never run as HTML.
    assert "<script>alert" not in html
    assert "<b>work</b>" not in html
    assert "&lt;script&gt;" in html
    assert 'Use your <b>work</b> address <script>alert("x")</script>' in visible_text(response)


@pytest.mark.django_db
def test_invalid_answers_show_the_error_and_keep_what_was_typed(client, contact_form, mailoutbox):
    answers = dict(VALID_ANSWERS, your_name="", email="not an address")
    response = client.post(contact_form.url, answers)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"your_name", "email"}
    text = visible_text(response)
    assert "This field is required." in text
    assert "Enter a valid email address." in text
    document = soup(response)
    assert document.find("input", attrs={"name": "email"})["value"] == "not an address"
    assert document.find("textarea", attrs={"name": "message"}).get_text().strip() == (
        "How do I join the peer learning community?"
    )
    selected = document.find("select", attrs={"name": "how_did_you_hear_about_us"}).find(
        "option", selected=True
    )
    assert selected["value"] == "A colleague"
    assert "Thank you. We have received your message." not in text
    assert FormSubmission.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_valid_answers_are_stored_thanked_and_mailed(client, contact_form, mailoutbox):
    response = client.post(contact_form.url, VALID_ANSWERS)
    assert response.status_code == 200
    assert "Thank you. We have received your message." in visible_text(response)

    submission = FormSubmission.objects.get()
    assert submission.page_id == contact_form.pk
    assert submission.form_data == VALID_ANSWERS

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["staff@care.example.org"]
    assert mail.from_email == "noreply@care.example.org"
    assert mail.subject == "New message from the website"
    assert "Your name: Ada Lovelace" in mail.body
    assert "Email: ada@example.org" in mail.body
    assert "Message: How do I join the peer learning community?" in mail.body


@pytest.mark.django_db
def test_form_without_notification_address_sends_no_mail(client, contact_form, mailoutbox):
    contact_form.to_address = ""
    contact_form.save()
    client.post(contact_form.url, VALID_ANSWERS)
    assert FormSubmission.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_notification_goes_to_every_address_given(client, contact_form, mailoutbox):
    contact_form.to_address = "staff@care.example.org, lead@care.example.org"
    contact_form.save()
    client.post(contact_form.url, VALID_ANSWERS)
    assert mailoutbox[0].to == ["staff@care.example.org", "lead@care.example.org"]


# Staff reading the answers ---------------------------------------------------------------------


@pytest.fixture
def answered_form(client, contact_form):
    client.post(contact_form.url, VALID_ANSWERS)
    client.post(contact_form.url, dict(VALID_ANSWERS, your_name="Grace Hopper"))
    assert FormSubmission.objects.filter(page=contact_form).count() == 2
    return contact_form


def submissions_url(form):
    return reverse("wagtailforms:list_submissions", args=[form.pk])


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
def test_admin_lists_the_submissions(admin_client, answered_form):
    response = admin_client.get(submissions_url(answered_form))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Ada Lovelace" in text
    assert "Grace Hopper" in text
    assert "ada@example.org" in text


@pytest.mark.django_db
def test_admin_exports_submissions_as_csv(admin_client, answered_form):
    response = admin_client.get(submissions_url(answered_form), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    assert rows[0] == [
        "Submission date",
        "Your name",
        "Email",
        "How did you hear about us?",
        "Message",
    ]
    assert sorted(row[1] for row in rows[1:]) == ["Ada Lovelace", "Grace Hopper"]
    assert {row[2] for row in rows[1:]} == {"ada@example.org"}


@pytest.mark.django_db
def test_admin_exports_submissions_as_xlsx(admin_client, answered_form):
    response = admin_client.get(submissions_url(answered_form), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][1:] == ("Your name", "Email", "How did you hear about us?", "Message")
    assert sorted(row[1] for row in rows[1:]) == ["Ada Lovelace", "Grace Hopper"]


@pytest.mark.django_db
def test_visitors_cannot_read_submissions(client, answered_form):
    response = client.get(submissions_url(answered_form), {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
