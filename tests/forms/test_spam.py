"""Spam: a honeypot field and a signed timer. A caught bot is thanked like a person, and nothing
is stored or mailed."""

import datetime
import time

import pytest
import time_machine

from forms import spam
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import visible_text

THANKS = "Thank you. We have received your message."


def post(client, form, data, capture):
    with capture(execute=True):
        return client.post(form.url, data)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(None, id="missing"),
        pytest.param("0", id="zero"),
        pytest.param(str(int(time.time()) - 3600), id="bare timestamp"),
        pytest.param("eyJwYWdlIjoxLCJhdCI6MH0:1tXyZq:forged-signature", id="forged"),
    ],
)
@pytest.mark.django_db
def test_a_missing_or_forged_timer_is_a_bot(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks, token
):
    data = filled(contact_form, VALID_ANSWERS)
    if token is None:
        del data[spam.TOKEN_FIELD]
    else:
        data[spam.TOKEN_FIELD] = token
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert THANKS in visible_text(response)
    assert not Submission.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_timer_signed_for_something_else_is_a_bot(client, contact_form):
    from django.core import signing

    data = filled(contact_form, VALID_ANSWERS)
    data[spam.TOKEN_FIELD] = signing.dumps({"page": contact_form.pk, "at": 0}, salt="other")
    assert THANKS in visible_text(client.post(contact_form.url, data))
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_timer_from_another_form_is_a_bot(client, contact_form, home_page):
    from forms.factories import FormPageFactory

    other = FormPageFactory(parent=home_page, slug="other")
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.TOKEN_FIELD] = spam.make_token(other, issued_at=time.time() - 60)
    client.post(contact_form.url, data)
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_form_sent_faster_than_a_person_can_is_a_bot(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS, seconds_ago=1)
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert THANKS in visible_text(response)
    assert not Submission.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_filled_honeypot_is_a_bot(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.HONEYPOT_FIELD] = "https://cheap-pills.example"
    response = post(client, contact_form, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert THANKS in visible_text(response)
    assert not Submission.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_bot_is_logged_without_its_answers(client, contact_form, caplog):
    data = filled(contact_form, VALID_ANSWERS)
    data[spam.HONEYPOT_FIELD] = "spam"
    with caplog.at_level("INFO", logger="forms.spam"):
        client.post(contact_form.url, data)
    assert "honeypot" in caplog.text
    assert "ada@example.org" not in caplog.text


@pytest.mark.django_db
def test_a_person_who_left_the_form_open_for_days_is_asked_to_send_again(client, contact_form):
    data = filled(contact_form, VALID_ANSWERS)
    with time_machine.travel(datetime.timedelta(days=3)):
        response = client.post(contact_form.url, data)
    assert response.status_code == 200
    assert "Please send the form again" in visible_text(response)
    # What they typed is still there, with a fresh timer.
    assert response.context["form"].data["your_name"] == "Ada Lovelace"
    assert response.context["form_token"] != data[spam.TOKEN_FIELD]
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_person_at_a_normal_pace_gets_through(client, contact_form):
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS, seconds_ago=5))
    assert Submission.objects.count() == 1
