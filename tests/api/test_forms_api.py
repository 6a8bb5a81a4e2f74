"""Headless forms: the definition a front end renders, and JSON answers taken through the same
checks, storage and emails as the HTML form."""

import csv
import datetime
import io
import time

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from forms import spam
from forms.models import Submission

ORIGIN = "https://front.example.org"


def form_url(form):
    return f"/api/v2/forms/{form.pk}/"


def answers(form, seconds_ago=60, **extra):
    return {
        "your_name": "Ada Lovelace",
        "email": "ada@example.org",
        "topics": ["Policy", "Data"],
        "care_consent": True,
        spam.TOKEN_FIELD: spam.make_token(form, issued_at=time.time() - seconds_ago),
        spam.HONEYPOT_FIELD: "",
        **extra,
    }


@pytest.fixture
def post(client):
    def send(form, data, **headers):
        return client.post(form_url(form), data, content_type="application/json", **headers)

    return send


def test_definition_lists_questions_consent_and_a_token(get_json, contact_form):
    data = get_json(form_url(contact_form))
    assert [field["name"] for field in data["fields"]] == ["your_name", "email", "topics"]
    topics = data["fields"][2]
    assert topics["type"] == "checkboxes"
    assert topics["choices"] == ["Policy", "Data"]
    assert topics["multiple"] is True
    assert topics["required"] is False
    assert data["fields"][1]["max_length"] == 254
    assert data["consent"] == {
        "name": "care_consent",
        "label": "I agree that CARE keeps my answers to reply to me.",
        "required": True,
    }
    assert data["state"] == "open"
    # Fresh: sending it at once is too fast for a person.
    assert spam.check({spam.TOKEN_FIELD: data["spam"]["token"]}, contact_form).too_fast
    assert data["spam"]["honeypot_field"] == "care_trap"
    assert data["spam"]["min_fill_seconds"] == 3


def test_definition_is_never_cached(client, contact_form):
    response = client.get(form_url(contact_form))
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_form_page_in_the_pages_endpoint_points_at_its_definition(get_json, contact_form):
    assert get_json(f"/api/v2/pages/{contact_form.pk}/")["form"] == form_url(contact_form)


def test_valid_answers_are_stored_and_staff_told(
    post, contact_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(contact_form, answers(contact_form))
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert response.json()["id"] == submission.pk
    assert "Thank you" in response.json()["message"]
    assert submission.page_id == contact_form.pk
    assert submission.form_data == {
        "your_name": "Ada Lovelace",
        "email": "ada@example.org",
        "topics": ["Policy", "Data"],
    }
    assert submission.consent_text == contact_form.consent_text
    assert submission.language == "en"
    assert [message.to for message in mail.outbox] == [["staff@care.example.org"]]


def test_the_submission_appears_in_the_admin_export(post, admin_client, contact_form):
    assert post(contact_form, answers(contact_form)).status_code == 201
    url = reverse("wagtailforms:list_submissions", args=[contact_form.pk])
    response = admin_client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][1:3] == ["Ada Lovelace", "ada@example.org"]


def test_invalid_answers_get_errors_per_field(post, contact_form):
    data = answers(contact_form, email="not an address", care_consent=False)
    del data["your_name"]
    response = post(contact_form, data)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"your_name", "email", "care_consent"}
    assert errors["care_consent"] == [
        "Tick the consent box to agree, or we cannot take your answers."
    ]
    assert not Submission.objects.exists()


def test_answers_of_the_wrong_shape_are_400(post, client, contact_form):
    response = post(contact_form, answers(contact_form, your_name={"first": "Ada"}))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"your_name"}
    assert post(contact_form, ["a", "list"]).status_code == 400
    broken = client.post(form_url(contact_form), "{not json", content_type="application/json")
    assert broken.status_code == 400
    as_form = client.post(form_url(contact_form), {"your_name": "Ada"})
    assert as_form.status_code == 415
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    "trap, reason",
    [
        ({spam.HONEYPOT_FIELD: "https://spam.example"}, spam.Reason.HONEYPOT),
        ({spam.TOKEN_FIELD: "0"}, spam.Reason.TOKEN_FORGED),
        ({spam.TOKEN_FIELD: None}, spam.Reason.TOKEN_MISSING),
    ],
)
def test_spam_is_thanked_and_kept_in_the_spam_folder(post, contact_form, trap, reason):
    response = post(contact_form, answers(contact_form, **trap))
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert response.json()["id"] == submission.pk
    assert (submission.status, submission.spam_reason) == (Submission.Status.SPAM, reason)
    assert not mail.outbox


def test_sent_too_fast_is_a_clear_400_and_nothing_is_kept(post, contact_form):
    data = answers(contact_form, seconds_ago=0)
    response = post(contact_form, data)
    assert response.status_code == 400
    body = response.json()
    assert "too soon" in body["message"]
    assert set(body["errors"]) == {spam.TOKEN_FIELD}
    assert not Submission.objects.exists()
    # The same token, a few seconds later, goes through.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        assert post(contact_form, data).status_code == 201
    assert Submission.objects.get().status == Submission.Status.NEW


def test_an_old_token_is_kept_as_spam(post, contact_form):
    data = answers(contact_form)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = post(contact_form, data)
    assert response.status_code == 201
    assert Submission.objects.get().spam_reason == spam.Reason.TOKEN_EXPIRED


def test_a_token_is_spent_once(post, contact_form):
    data = answers(contact_form)
    assert [post(contact_form, data).status_code for _ in range(3)] == [201] * 3
    statuses = list(Submission.objects.order_by("pk").values_list("status", "spam_reason"))
    assert statuses == [("new", ""), ("spam", "token_replayed"), ("spam", "token_replayed")]


@override_settings(CARE_FORMS_RATE_LIMIT=2)
def test_over_the_rate_limit_is_429_and_shared_with_the_html_form(client, post, contact_form):
    assert post(contact_form, answers(contact_form)).status_code == 201
    # The HTML form counts against the same limit: one path for both.
    client.post(contact_form.url, {"your_name": "x"})
    response = post(contact_form, answers(contact_form))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    # The HTML post (no timer) is in the spam folder; the refused one is nowhere.
    kept = Submission.objects.order_by("pk").values_list("status", flat=True)
    assert list(kept) == [Submission.Status.NEW, Submission.Status.SPAM]


def test_a_closed_form_takes_nothing(post, contact_form):
    contact_form.closes_at = timezone.now() - datetime.timedelta(days=1)
    contact_form.save_revision().publish()
    response = post(contact_form, answers(contact_form))
    assert response.status_code == 409
    assert response.json()["state"] == "closed"
    assert not Submission.objects.exists()


def test_draft_or_unknown_form_is_404(post, client, contact_form):
    contact_form.unpublish()
    assert client.get(form_url(contact_form)).status_code == 404
    assert post(contact_form, answers(contact_form)).status_code == 404
    assert client.get("/api/v2/forms/999999/").status_code == 404


@override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN])
def test_posts_only_from_allowed_origins(post, contact_form):
    refused = post(contact_form, answers(contact_form), HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert not Submission.objects.exists()
    allowed = post(contact_form, answers(contact_form), HTTP_ORIGIN=ORIGIN)
    assert allowed.status_code == 201
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    same_site = post(contact_form, answers(contact_form), HTTP_ORIGIN="http://testserver")
    assert same_site.status_code == 201
