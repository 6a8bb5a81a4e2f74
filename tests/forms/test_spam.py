"""Spam: a honeypot field and a signed, single-use timer. What the checks catch is kept with the
status *spam* and its reason (the sender is thanked like anyone else, no email goes out); a
person who sends faster than the timer allows is told, with what they typed kept."""

import datetime
import time

from django.core import signing
from django.db import IntegrityError, transaction

import pytest
import time_machine

from forms import spam
from forms.factories import FormPageFactory
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import soup, visible_text

THANKS = "Thank you. We have received your message."
pytestmark = pytest.mark.django_db


def post(client, form, data, capture):
    with capture(execute=True):
        return client.post(form.url, data)


def assert_kept_as_spam(response, reason, mailoutbox):
    assert response.status_code == 200
    assert THANKS in visible_text(response)
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SPAM
    assert submission.spam_reason == reason
    assert submission.form_data["your_name"] == "Ada Lovelace"
    assert submission.email_status == Submission.EmailStatus.NONE
    assert mailoutbox == []


@pytest.mark.parametrize(
    "token, reason",
    [
        pytest.param(None, spam.Reason.TOKEN_MISSING, id="missing"),
        pytest.param("", spam.Reason.TOKEN_MISSING, id="empty"),
        pytest.param("0", spam.Reason.TOKEN_FORGED, id="zero"),
        pytest.param(str(int(time.time()) - 3600), spam.Reason.TOKEN_FORGED, id="bare timestamp"),
        pytest.param(
            "eyJwYWdlIjoxLCJhdCI6MH0:1tXyZq:forged-signature", spam.Reason.TOKEN_FORGED, id="forged"
        ),
    ],
)
def test_a_missing_or_forged_timer_is_kept_as_spam(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks, token, reason
):
    data = filled(contact_form, VALID_ANSWERS)
    if token is None:
        del data[spam.TOKEN_FIELD]
    else:
        data[spam.TOKEN_FIELD] = token
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert_kept_as_spam(response, reason, mailoutbox)


def test_a_timer_signed_for_something_else_is_forged(client, contact_form):
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.TOKEN_FIELD] = signing.dumps({"page": contact_form.pk, "at": 0}, salt="other")
    assert THANKS in visible_text(client.post(contact_form.url, data))
    assert Submission.objects.get().spam_reason == spam.Reason.TOKEN_FORGED


def test_a_timer_without_its_single_use_number_is_forged(client, contact_form):
    data = filled(contact_form, VALID_ANSWERS)
    old_style = {"page": contact_form.pk, "at": time.time() - 60}
    data[spam.TOKEN_FIELD] = signing.dumps(old_style, salt=spam.SALT)
    client.post(contact_form.url, data)
    assert Submission.objects.get().spam_reason == spam.Reason.TOKEN_FORGED


def test_a_timer_from_another_form_is_forged(client, contact_form, home_page):
    other = FormPageFactory(parent=home_page, slug="other")
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.TOKEN_FIELD] = spam.make_token(other, issued_at=time.time() - 60)
    client.post(contact_form.url, data)
    assert Submission.objects.get().spam_reason == spam.Reason.TOKEN_FORGED


def test_a_filled_honeypot_is_kept_as_spam(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.HONEYPOT_FIELD] = "https://cheap-pills.example"
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert_kept_as_spam(response, spam.Reason.HONEYPOT, mailoutbox)


def test_spam_with_invalid_answers_is_kept_as_sent(client, contact_form):
    data = filled(contact_form, {**VALID_ANSWERS, "email": "not an address"}, consent=False)
    data[spam.HONEYPOT_FIELD] = "x"
    assert THANKS in visible_text(client.post(contact_form.url, data))
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SPAM
    assert submission.form_data["email"] == "not an address"
    # No box was ticked: the row does not claim consent.
    assert submission.consent_text == ""


def test_a_person_who_left_the_form_open_for_days_is_kept_as_spam_for_review(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS)
    with time_machine.travel(datetime.timedelta(days=3)):
        response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert_kept_as_spam(response, spam.Reason.TOKEN_EXPIRED, mailoutbox)


def test_a_bot_is_logged_without_its_answers(client, contact_form, caplog):
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.HONEYPOT_FIELD] = "spam"
    with caplog.at_level("INFO", logger="forms.spam"):
        client.post(contact_form.url, data)
    assert "honeypot" in caplog.text
    assert "ada@example.org" not in caplog.text


# Too fast: a person (browser autofill) is asked to send again -------------------------------


def test_a_form_sent_faster_than_the_timer_allows_comes_back_with_what_was_typed(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS, seconds_ago=1)
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Please send the form again" in text
    assert "your answers have not been sent yet" in text
    assert THANKS not in text
    document = soup(response)
    assert document.find("input", attrs={"name": "your_name"})["value"] == "Ada Lovelace"
    assert not Submission.objects.exists()
    assert mailoutbox == []

    # The same timer comes back, so sending again a moment later goes through.
    token = document.find("input", attrs={"name": spam.TOKEN_FIELD})["value"]
    assert token == data[spam.TOKEN_FIELD]
    with time_machine.travel(datetime.timedelta(seconds=5)):
        again = client.post(contact_form.url, {**data, spam.TOKEN_FIELD: token})
    assert THANKS in visible_text(again)
    assert Submission.objects.get().status == Submission.Status.NEW


def test_a_person_at_a_normal_pace_gets_through(client, contact_form):
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS, seconds_ago=5))
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.NEW
    assert submission.spam_reason == ""


# Single use ---------------------------------------------------------------------------------


def test_a_replayed_timer_is_kept_as_spam(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS)
    for _post in range(5):
        response = post(client, contact_form, data, django_capture_on_commit_callbacks)
        assert THANKS in visible_text(response)
    first, *replays = Submission.objects.order_by("pk")
    assert first.status == Submission.Status.NEW
    assert [r.spam_reason for r in replays] == [spam.Reason.TOKEN_REPLAYED] * 4
    assert {r.status for r in replays} == {Submission.Status.SPAM}
    assert len(mailoutbox) == 1  # the staff notice of the first only


def test_the_database_refuses_a_token_spent_twice(contact_form):
    """The constraint, not a look-up first, decides: two posts racing both try to insert."""
    Submission.objects.create(page=contact_form, form_data={}, token_nonce="n1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(page=contact_form, form_data={}, token_nonce="n1")
    # Spam rows may share it, and rows without a token are many.
    Submission.objects.create(
        page=contact_form, form_data={}, token_nonce="n1", status=Submission.Status.SPAM
    )
    Submission.objects.create(page=contact_form, form_data={})
    Submission.objects.create(page=contact_form, form_data={})
    assert Submission.objects.count() == 4


# The trap -----------------------------------------------------------------------------------

# Tokens browsers and password managers fill in (HTML's autocomplete list and common guesses).
AUTOFILL_WORDS = ["name", "email", "mail", "url", "website", "web", "site", "homepage", "phone"]
AUTOFILL_WORDS += ["tel", "address", "company", "organization", "user", "city", "zip", "country"]


def test_the_honeypot_is_hidden_and_matches_no_autofill_token(client, contact_form):
    document = soup(client.get(contact_form.url))
    trap = document.find("input", attrs={"name": spam.HONEYPOT_FIELD})
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert trap["type"] == "text"
    wrapper = trap.find_parent("div")
    assert wrapper["aria-hidden"] == "true"
    assert "visually-hidden" in wrapper["class"]
    label = document.find("label", attrs={"for": trap["id"]})
    for word in AUTOFILL_WORDS:
        for text in (trap["name"], trap["id"], label.get_text()):
            assert word not in text.lower(), (word, text)
