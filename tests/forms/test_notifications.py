"""Nothing lost: the submission is stored before any email is tried; emails go out after the
commit, from a background task; a mail server that fails is logged and tried again later, and
the visitor still sees the thank-you page. Staff emails carry the least personal data."""

import datetime
import io
import logging
from unittest import mock

from django.core.management import call_command

import pytest
import time_machine
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from forms import notifications, tasks
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import visible_text

THANKS = "Thank you. We have received your message."
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "care_forms": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Post answers as a browser would, and run what waits for the commit."""

    def send(form, answers=VALID_ANSWERS):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(form.url, filled(form, answers))

    return send


def run_worker():
    """The `db_worker` loop, once through the queue. Outside tests it drops stale database
    connections between tasks; here that would drop the test's own transaction."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker().run()


def worker():
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="care_forms",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


# What the emails say ------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_are_told_an_answer_arrived_without_its_content(send, contact_form, mailoutbox):
    send(contact_form)
    submission = Submission.objects.get()
    assert submission.email_status == Submission.EmailStatus.SENT
    assert submission.notified_at is not None
    [mail] = mailoutbox
    assert mail.to == ["staff@care.example.org"]
    assert mail.from_email == "noreply@care.example.org"
    assert mail.subject == "New message from the website"
    assert 'A new answer to the form "Connect with us" arrived on' in mail.body
    assert f"http://localhost/admin/forms/submissions/{contact_form.pk}/" in mail.body
    for personal in ("Ada Lovelace", "ada@example.org", "peer learning community"):
        assert personal not in mail.body


@pytest.mark.django_db
def test_editors_can_choose_to_put_the_answers_in_the_staff_email(send, contact_form, mailoutbox):
    contact_form.notify_with_answers = True
    contact_form.save()
    send(contact_form)
    body = mailoutbox[0].body
    assert "Your name: Ada Lovelace" in body
    assert "Email: ada@example.org" in body
    assert "Message: How do I join the peer learning community?" in body


@pytest.mark.django_db
def test_notification_goes_to_every_address_given(send, contact_form, mailoutbox):
    contact_form.to_address = "staff@care.example.org, lead@care.example.org"
    contact_form.save()
    send(contact_form)
    assert mailoutbox[0].to == ["staff@care.example.org", "lead@care.example.org"]


@pytest.mark.django_db
def test_form_without_notification_address_sends_no_mail(send, contact_form, mailoutbox):
    contact_form.to_address = ""
    contact_form.save()
    send(contact_form)
    assert Submission.objects.get().email_status == Submission.EmailStatus.NONE
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_sender_gets_the_editors_confirmation(send, contact_form, mailoutbox):
    contact_form.confirmation_subject = "We got your message"
    contact_form.confirmation_text = "Thank you for writing to CARE.\n\nWe reply within a week."
    contact_form.save()
    send(contact_form)
    staff, confirmation = mailoutbox
    assert confirmation.to == ["ada@example.org"]
    assert confirmation.subject == "We got your message"
    assert confirmation.body == "Thank you for writing to CARE.\n\nWe reply within a week."
    assert "How do I join" not in confirmation.body
    assert Submission.objects.get().confirmation_sent_at is not None


@pytest.mark.django_db
def test_no_confirmation_without_text_or_without_an_address(send, contact_form, mailoutbox):
    send(contact_form)
    assert [mail.to for mail in mailoutbox] == [["staff@care.example.org"]]
    contact_form.confirmation_text = "Thanks!"
    contact_form.to_address = ""
    contact_form.save()
    contact_form.form_fields.filter(clean_name="email").update(required=False)
    mailoutbox.clear()
    send(contact_form, dict(VALID_ANSWERS, email=""))
    assert mailoutbox == []
    assert Submission.objects.latest("pk").email_status == Submission.EmailStatus.SENT


# When the emails go -------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_email_is_tried_before_the_submission_has_committed(
    client, contact_form, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    assert Submission.objects.count() == 1
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_mail_server_that_is_down_loses_nothing(send, contact_form, mailoutbox, settings, caplog):
    """With the default backend (run at once), the failure is logged, the visitor is thanked,
    the submission is stored once and waits for `send_form_emails`."""
    settings.EMAIL_BACKEND = "tests.forms.support.FailingEmailBackend"
    with caplog.at_level(logging.WARNING, logger="forms.tasks"):
        response = send(contact_form)
    assert response.status_code == 200
    assert THANKS in visible_text(response)
    submission = Submission.objects.get()
    assert submission.form_data == VALID_ANSWERS
    assert submission.email_status == Submission.EmailStatus.PENDING
    assert submission.email_attempts == 1
    assert f"Emails of submission {submission.pk} failed" in caplog.text
    assert "ConnectionRefusedError" in caplog.text

    # The mail server is back; the cron job sends what waited, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(datetime.timedelta(hours=1)):
        call_command("send_form_emails", stdout=None)
        call_command("send_form_emails", stdout=None)
    assert len(mailoutbox) == 1
    submission.refresh_from_db()
    assert submission.email_status == Submission.EmailStatus.SENT


@pytest.mark.django_db
def test_the_retry_command_leaves_recent_submissions_to_the_queue(
    send, contact_form, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.forms.support.FailingEmailBackend"
    send(contact_form)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_form_emails", "--dry-run")
    call_command("send_form_emails")
    assert mailoutbox == []
    call_command("send_form_emails", "--older-than", "0")
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_with_the_database_queue_a_failed_email_is_retried_later(
    send, contact_form, mailoutbox, settings, caplog
):
    """Production's setup: the email waits in the database queue, the worker's first try
    fails, the task queues itself again a minute later and that try succeeds."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "tests.forms.support.FailingEmailBackend"
    response = send(contact_form)
    assert THANKS in visible_text(response)
    submission = Submission.objects.get()
    assert DBTaskResult.objects.count() == 1
    assert mailoutbox == []

    with caplog.at_level(logging.WARNING, logger="forms.tasks"):
        run_worker()
    assert "trying again in 60 s" in caplog.text
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs == {"args": [submission.pk, 2], "kwargs": {}}
    run_worker()  # not due yet
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(datetime.timedelta(seconds=61)):
        run_worker()
    assert len(mailoutbox) == 1
    submission.refresh_from_db()
    assert submission.email_status == Submission.EmailStatus.SENT
    assert submission.email_attempts == 1
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_retries_stop_after_the_limit_and_say_so(send, contact_form, mailoutbox, settings, caplog):
    settings.TASKS = DATABASE_TASKS
    settings.CARE_FORMS_EMAIL_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = "tests.forms.support.FailingEmailBackend"
    send(contact_form)
    run_worker()
    with (
        time_machine.travel(datetime.timedelta(minutes=5)),
        caplog.at_level(logging.ERROR, logger="forms.tasks"),
    ):
        run_worker()
    assert "`manage.py send_form_emails` will try again" in caplog.text
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert Submission.objects.get().email_attempts == 2


@pytest.mark.django_db
def test_a_retry_does_not_send_the_staff_email_twice(send, contact_form, mailoutbox, settings):
    contact_form.confirmation_text = "Thanks!"
    contact_form.save()
    settings.EMAIL_BACKEND = "tests.forms.support.VisitorMailDownBackend"
    send(contact_form)
    assert [mail.to for mail in mailoutbox] == [["staff@care.example.org"]]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_form_emails", "--older-than", "0")
    assert [mail.to for mail in mailoutbox] == [["staff@care.example.org"], ["ada@example.org"]]


@pytest.mark.django_db
def test_a_queue_that_fails_does_not_fail_the_visitor(
    send, contact_form, mailoutbox, monkeypatch, caplog
):
    class BrokenQueue:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("queue is down")

    monkeypatch.setattr(tasks, "send_submission_emails", BrokenQueue())
    with caplog.at_level(logging.ERROR, logger="forms.tasks"):
        response = send(contact_form)
    assert THANKS in visible_text(response)
    assert Submission.objects.get().email_status == Submission.EmailStatus.PENDING
    assert "Could not queue the emails" in caplog.text
    monkeypatch.undo()
    call_command("send_form_emails", "--older-than", "0")
    assert len(mailoutbox) == 1


# One sender at a time -----------------------------------------------------------------------


@pytest.fixture
def pending(contact_form):
    """A stored submission whose emails have not gone out (the queue has not run)."""
    return Submission.objects.create(
        page=contact_form, form_data=VALID_ANSWERS, email_status=Submission.EmailStatus.PENDING
    )


def test_each_email_has_a_message_id_fixed_per_submission(send, contact_form, mailoutbox):
    contact_form.confirmation_text = "Thank you for writing to CARE."
    contact_form.save()
    send(contact_form)
    pk = Submission.objects.get().pk
    staff, confirmation = mailoutbox
    assert staff.message()["Message-ID"] == f"<care-submission-{pk}-staff@care.example.org>"
    assert confirmation.message()["Message-ID"] == (
        f"<care-submission-{pk}-confirmation@care.example.org>"
    )


def test_only_one_process_can_claim_a_submission(pending):
    first = notifications.claim(pending.pk)
    assert first is not None
    assert notifications.claim(pending.pk) is None
    # A claim is a lease: a worker that died holds it for five minutes at most.
    with time_machine.travel(datetime.timedelta(minutes=4)):
        assert notifications.claim(pending.pk) is None
    with time_machine.travel(datetime.timedelta(minutes=6)):
        assert notifications.claim(pending.pk) is not None


def test_a_submission_claimed_elsewhere_is_not_sent_again(pending, mailoutbox):
    """The worker and the periodic retry meet on one submission: whoever claims it second
    sends nothing."""
    claimed_at = notifications.claim(pending.pk)
    assert tasks.send_submission_emails.call(pending.pk) == "nothing to send"
    output = io.StringIO()
    call_command("send_form_emails", "--older-than", "0", stdout=output)
    assert "1 being sent elsewhere" in output.getvalue()
    assert mailoutbox == []
    # The holder finishes; nobody else sends it afterwards.
    notifications.release(pending.pk, claimed_at)
    assert notifications.send_due_emails(pending.pk) is True
    assert notifications.send_due_emails(pending.pk) is False
    assert len(mailoutbox) == 1
    pending.refresh_from_db()
    assert (pending.email_status, pending.email_claimed_at) == (Submission.EmailStatus.SENT, None)


def test_a_failed_send_gives_up_its_claim_for_the_retry(pending, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.forms.support.FailingEmailBackend"
    with pytest.raises(ConnectionRefusedError):
        notifications.send_due_emails(pending.pk)
    pending.refresh_from_db()
    assert pending.email_claimed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.send_due_emails(pending.pk) is True
    assert len(mailoutbox) == 1
