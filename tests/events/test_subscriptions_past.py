"""People who registered before registering was a subscription: `subscribe_past_registrations`
counts them, and only with --send makes them pending subscribers, each asked once to confirm
in the language they registered in."""

# ruff: noqa: F811

import io

from django.core import mail
from django.core.management import call_command

import pytest

from events.models import Subscriber
from events.subscribers import new_token
from forms.models import Submission
from tests.events.subscription_support import register_form  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(register_form):
    def registration(address, language="en", **fields):
        Submission.objects.create(
            page=register_form,
            form_data={"your_name": "Someone", "email_address": address},
            language=language,
            **fields,
        )

    registration("ada@example.org")
    registration("Ada@Example.org ")
    registration("luz@example.org", "es")
    registration("not an address")
    registration("bot@example.org", status=Submission.Status.SPAM)
    registration("known@example.org")
    Subscriber.objects.create(
        email="known@example.org",
        language="en",
        token=new_token(),
        status=Subscriber.Status.UNSUBSCRIBED,
    )


def run(capture, *args):
    out = io.StringIO()
    with capture(execute=True):
        call_command("subscribe_past_registrations", *args, stdout=out)
    return out.getvalue()


def test_without_send_it_only_counts(past, django_capture_on_commit_callbacks):
    out = run(django_capture_on_commit_callbacks)
    assert "3 address(es) registered; 1 already have a subscription; 2 to ask." in out
    assert "Dry run" in out
    assert Subscriber.objects.count() == 1
    assert mail.outbox == []


def test_with_send_each_is_asked_once_in_their_language(past, django_capture_on_commit_callbacks):
    out = run(django_capture_on_commit_callbacks, "--send")
    assert "Asked 2 address(es) to confirm." in out
    pending = Subscriber.objects.filter(status=Subscriber.Status.PENDING)
    assert dict(pending.values_list("email", "language")) == {
        "ada@example.org": "en",
        "luz@example.org": "es",
    }
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "ada@example.org": "Confirm your subscription to the Peer Learning Community",
        "luz@example.org": "Confirme su suscripción a la Comunidad de Aprendizaje entre Pares",
    }
    # Whoever unsubscribed stays so.
    known = Subscriber.objects.get(email="known@example.org")
    assert known.status == Subscriber.Status.UNSUBSCRIBED

    again = run(django_capture_on_commit_callbacks, "--send")
    assert "Asked 0 address(es) to confirm." in again
    assert len(mail.outbox) == 2
