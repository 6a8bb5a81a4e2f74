"""Subscribers are personal data: forgetting a person deletes their subscription with their
answers, and the daily purge deletes those who never confirmed or who left, after
CARE_SUBSCRIBERS_KEEP_DAYS."""

import datetime
import io

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from events.models import Subscriber
from events.subscribers import new_token

pytestmark = pytest.mark.django_db


def subscriber(email, status=Subscriber.Status.PENDING, **fields):
    return Subscriber.objects.create(
        email=email, language="en", token=new_token(), status=status, **fields
    )


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_forget_person_deletes_the_subscription_too():
    subscriber("ada@example.org", Subscriber.Status.CONFIRMED)
    subscriber("bob@example.org")
    dry = run("forget_person", "--email", "ADA@example.org", "--dry-run")
    assert "Would delete 1 meeting subscriber(s)." in dry
    assert Subscriber.objects.count() == 2
    out = run("forget_person", "--email", "Ada@Example.org")
    assert "Deleted 1 meeting subscriber(s)." in out
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["bob@example.org"]
    assert "Deleted 0 meeting subscriber(s)." in run("forget_person", "--email", "x@example.org")


def test_the_daily_purge_deletes_the_unconfirmed_and_the_gone_after_the_keep_period():
    days = settings.CARE_SUBSCRIBERS_KEEP_DAYS
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=days + 1), tick=False):
        old_pending = subscriber("old-pending@example.org", confirmation_sent_at=timezone.now())
        asked_again = subscriber("asked-again@example.org")
        old_confirmed = subscriber(
            "old-confirmed@example.org", Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        left_long_ago = subscriber(
            "left@example.org", Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
    Subscriber.objects.filter(pk=asked_again.pk).update(
        confirmation_sent_at=now - datetime.timedelta(days=1)
    )
    recent_pending = subscriber("new@example.org")
    left_lately = subscriber(
        "left-lately@example.org",
        Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=now - datetime.timedelta(days=1),
    )

    dry = run("purge_subscribers", "--dry-run")
    assert "Would delete 1 subscriber(s) who did not confirm" in dry
    assert "and 1 who unsubscribed" in dry
    assert Subscriber.objects.count() == 6

    run("purge_subscribers")
    kept = set(Subscriber.objects.values_list("pk", flat=True))
    assert kept == {asked_again.pk, old_confirmed.pk, recent_pending.pk, left_lately.pk}
    assert old_pending.pk not in kept and left_long_ago.pk not in kept


def test_the_purge_is_on_the_daily_schedule():
    job = settings.CARE_SCHEDULE["purge_subscribers"]
    assert job == {"command": ["purge_subscribers"], "every": 24 * 60 * 60}
