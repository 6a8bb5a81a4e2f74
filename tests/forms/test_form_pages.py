"""Public forms ("Suggest a resource", "Connect with us"): where they go, building one in the
admin, and what a visitor sees when they fill one in: limits, consent, errors, open and close
dates, oversized requests."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from events.models import EventIndexPage, EventPage
from forms.factories import FormFieldFactory
from forms.models import FormField, FormPage, Submission
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
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


def form_field(label, field_type, **overrides):
    return {
        "label": label,
        "field_type": field_type,
        "required": "on",
        "choices": "",
        "default_value": "",
        "help_text": "",
        "max_length": "",
        **overrides,
    }


def form_page_data(fields=None, **overrides):
    data = {
        "title": "Connect with us",
        "slug": "connect",
        "intro": rich_text("<p>Ask a question or share an idea.</p>"),
        "form_fields": inline_formset(
            fields
            or [
                form_field("Your name", "singleline"),
                form_field(
                    "How did you hear about us?",
                    "dropdown",
                    required="",
                    choices="A colleague\nThe newsletter",
                    help_text="Optional.",
                ),
                form_field("Message", "multiline", max_length="800"),
            ]
        ),
        "submit_label": "Send",
        "thank_you_text": rich_text("<p>Thank you. We will reply soon.</p>"),
        "consent_text": "I agree that CARE keeps my answers to reply to me.",
        "retention_days": "90",
        "opens_at": "",
        "closes_at": "",
        "closed_text": rich_text(""),
        "to_address": "staff@care.example.org",
        "from_address": "noreply@care.example.org",
        "subject": "New message from the website",
        "confirmation_subject": "",
        "confirmation_text": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def post_new_form(client, parent, data):
    url = reverse("wagtailadmin_pages:add", args=["care_forms", "formpage", parent.pk])
    return client.post(url, {**data, "action-publish": "action-publish"})


@pytest.mark.django_db
def test_admin_builds_a_form(page_asserts, home_page):
    page_asserts.assertCanCreate(home_page, FormPage, form_page_data())
    form = FormPage.objects.child_of(home_page).get(slug="connect")
    fields = list(form.form_fields.all())
    assert [(f.label, f.field_type, f.required, f.max_length) for f in fields] == [
        ("Your name", "singleline", True, None),
        ("How did you hear about us?", "dropdown", False, None),
        ("Message", "multiline", True, 800),
    ]
    assert {f.locale_id for f in fields} == {form.locale_id}
    assert form.to_address == "staff@care.example.org"
    assert form.consent_text == "I agree that CARE keeps my answers to reply to me."
    assert form.retention_days == 90


@pytest.mark.django_db
def test_admin_refuses_a_bad_notification_address(admin_client, home_page):
    response = post_new_form(admin_client, home_page, form_page_data(to_address="staff at care"))
    assert response.status_code == 200
    assert "to_address" in response.context["form"].errors
    assert not FormPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_length_above_the_limit(admin_client, home_page):
    fields = [form_field("Message", "multiline", max_length="5001")]
    response = post_new_form(admin_client, home_page, form_page_data(fields=fields))
    assert response.status_code == 200
    formset = response.context["form"].formsets["form_fields"]
    assert "max_length" in formset.forms[0].errors
    assert not FormPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_label_the_site_uses_itself(admin_client, home_page):
    fields = [form_field("Care consent", "checkbox")]
    response = post_new_form(admin_client, home_page, form_page_data(fields=fields))
    formset = response.context["form"].formsets["form_fields"]
    assert "label" in formset.forms[0].errors
    assert not FormPage.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_form_that_closes_before_it_opens(admin_client, home_page):
    data = form_page_data(opens_at="2030-05-02 10:00", closes_at="2030-05-01 10:00")
    response = post_new_form(admin_client, home_page, data)
    assert "closes_at" in response.context["form"].errors
    assert not FormPage.objects.exists()


def test_every_field_editors_see_explains_itself():
    own = [FormField._meta.get_field("max_length")] + [
        FormPage._meta.get_field(name)
        for name in (
            "intro",
            "thank_you_text",
            "submit_label",
            "consent_text",
            "retention_days",
            "opens_at",
            "closes_at",
            "closed_text",
            "notify_with_answers",
            "confirmation_subject",
            "confirmation_text",
        )
    ]
    assert [field.name for field in own if not field.help_text] == []


# Filling in a form ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_form_shows_its_fields_and_escapes_help_text(client, contact_form):
    response = client.get(contact_form.url)
    assert response.status_code == 200
    html = response.content.decode()
    document = soup(response)
    assert "Ask a question or share an idea." in visible_text(response)
    for name in ("your_name", "email", "how_did_you_hear_about_us", "message", "care_consent"):
        assert document.find(attrs={"name": name}) is not None, name
    assert document.find("button", string="Send message") is not None
    # Help text is shown as text, never run as HTML.
    assert "<script>alert" not in html
    assert "<b>work</b>" not in html
    assert "&lt;script&gt;" in html
    assert 'Use your <b>work</b> address <script>alert("x")</script>' in visible_text(response)


@pytest.mark.django_db
def test_every_answer_has_a_length_limit(client, contact_form):
    document = soup(client.get(contact_form.url))
    assert document.find("input", attrs={"name": "your_name"})["maxlength"] == "255"
    assert document.find("input", attrs={"name": "email"})["maxlength"] == "254"
    assert document.find("textarea", attrs={"name": "message"})["maxlength"] == "5000"


@pytest.mark.django_db
def test_the_consent_box_carries_the_editors_words(client, contact_form):
    document = soup(client.get(contact_form.url))
    box = document.find("input", attrs={"name": "care_consent"})
    assert box["type"] == "checkbox"
    label = document.find("label", attrs={"for": box["id"]})
    assert "I agree that CARE keeps my answers to reply to me." in label.get_text()


@pytest.mark.django_db
def test_a_visitor_can_load_and_send_a_form_without_javascript_or_cookies_beforehand(
    client, contact_form
):
    """The GET hands out the CSRF cookie, so a page cache never stores a form page."""
    response = client.get(contact_form.url)
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_posting_without_a_csrf_token_is_refused(contact_form):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert response.status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_invalid_answers_show_the_error_and_keep_what_was_typed(client, contact_form, mailoutbox):
    answers = dict(VALID_ANSWERS, your_name="", email="not an address")
    response = client.post(contact_form.url, filled(contact_form, answers))
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
    assert Submission.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(client, contact_form):
    answers = dict(VALID_ANSWERS, your_name="", email="a@")
    response = client.post(contact_form.url, filled(contact_form, answers, consent=False))
    document = soup(response)
    assert document.title.get_text().startswith("Error:")
    summary = document.find(class_="error-summary")
    assert summary["role"] == "alert"
    targets = [link["href"] for link in summary.find_all("a")]
    assert targets == ["#id_your_name", "#id_email", "#id_care_consent"]
    for target in targets:
        field = document.find(id=target[1:])
        assert field["aria-invalid"] == "true"
        described = field["aria-describedby"].split()
        assert f"{target[1:]}_error" in described
        assert document.find(id=f"{target[1:]}_error") is not None
    # Help text stays linked too.
    assert "id_email_helptext" in document.find(id="id_email")["aria-describedby"].split()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("your_name", "x" * 256, "at most 255 characters"),
        ("message", "x" * (2 * 1024 * 1024), "at most 5000 characters"),
        ("email", "a@", "Enter a valid email address."),
    ],
)
@pytest.mark.django_db
def test_too_long_or_malformed_answers_are_refused(client, contact_form, field, value, message):
    response = client.post(contact_form.url, filled(contact_form, {**VALID_ANSWERS, field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert message in visible_text(response)
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_an_editors_lower_limit_applies(client, contact_form):
    field = contact_form.form_fields.get(clean_name="message")
    field.max_length = 20
    field.save()
    response = client.post(
        contact_form.url, filled(contact_form, {**VALID_ANSWERS, "message": "x" * 21})
    )
    assert list(response.context["form"].errors) == ["message"]
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_consent_must_be_given(client, contact_form):
    response = client.post(contact_form.url, filled(contact_form, VALID_ANSWERS, consent=False))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["care_consent"]
    text = visible_text(response)
    assert "Tick the consent box to agree" in text
    # The summary names the problem without repeating the whole consent wording.
    summary = soup(response).find(class_="error-summary").get_text()
    assert "I agree that CARE" not in summary
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_an_oversized_request_gets_the_friendly_413_page(client, contact_form, settings):
    body = {**filled(contact_form, VALID_ANSWERS), "message": "x" * 3 * 1024 * 1024}
    response = client.post(contact_form.url, body)
    assert response.status_code == 413
    assert "We could not read what was sent" in visible_text(response)
    assert "(more than 2.5\xa0MB). Shorten the answers" in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_valid_answers_are_stored_with_the_consent_wording_and_thanked(
    client, contact_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert response.status_code == 200
    assert "Thank you. We have received your message." in visible_text(response)

    submission = Submission.objects.get()
    assert submission.page_id == contact_form.pk
    assert submission.form_data == VALID_ANSWERS
    assert submission.consent_text == "I agree that CARE keeps my answers to reply to me."
    assert submission.language == "en"


@pytest.mark.django_db
def test_showing_and_sending_a_form_takes_few_queries(
    client, contact_form, django_assert_max_num_queries
):
    """A form page is read by every visitor and posted by many: its fields are fetched in one
    query (not one per field), and storing an answer adds four (the page's locale,
    the insert and the savepoint around it). The rest is the site's header and footer."""
    client.get(contact_form.url)  # warm the site-root cache
    with django_assert_max_num_queries(14):
        client.get(contact_form.url)
    with django_assert_max_num_queries(17):
        client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert Submission.objects.count() == 1


# Open and close dates -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_closed_form_says_so_and_stores_nothing(client, contact_form):
    contact_form.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    contact_form.closed_text = "<p>Registration for 2024 has closed.</p>"
    contact_form.save()
    response = client.get(contact_form.url)
    assert response.status_code == 200
    assert "Registration for 2024 has closed." in visible_text(response)
    assert soup(response).find("form", class_="form") is None

    response = client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert "Registration for 2024 has closed." in visible_text(response)
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_closed_form_without_words_of_its_own_gets_a_standard_sentence(client, contact_form):
    contact_form.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    contact_form.save()
    assert "This form is closed" in visible_text(client.get(contact_form.url))


@pytest.mark.django_db
def test_a_form_not_open_yet_says_when_it_opens(client, contact_form):
    contact_form.opens_at = timezone.now() + datetime.timedelta(days=2)
    contact_form.save()
    response = client.get(contact_form.url)
    assert "This form opens on" in visible_text(response)
    assert soup(response).find("form", class_="form") is None
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_form_inside_its_dates_takes_answers(client, contact_form):
    contact_form.opens_at = timezone.now() - datetime.timedelta(days=1)
    contact_form.closes_at = timezone.now() + datetime.timedelta(days=1)
    contact_form.save()
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_a_field_type_without_a_length_still_has_one_where_it_counts(contact_form):
    number = FormFieldFactory(page=contact_form, label="Age", field_type="number", sort_order=9)
    assert number.character_limit is None
    assert contact_form.get_form().fields["age"].max_digits == 20


@pytest.mark.django_db
def test_the_page_cache_never_keeps_a_form_page(client, contact_form, settings):
    """An open form holds a CSRF token and a timer for one visitor; a form not open yet will
    open by the clock, not by a publish that would empty the cache."""
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get(contact_form.url)
        assert response.get("X-Page-Cache") != "hit"
    contact_form.opens_at = timezone.now() + datetime.timedelta(minutes=5)
    contact_form.save()
    for _ in range(2):
        response = client.get(contact_form.url)
        assert response.get("X-Page-Cache") != "hit"
        assert "no-cache" in response["Cache-Control"]
