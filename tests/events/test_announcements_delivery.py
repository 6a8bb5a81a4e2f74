"""Announcements over real SMTP to a mail server on loopback (aiosmtpd): what arrives, and that
a sender killed at random points, mid-send included, and started again until the queue is empty
misses nobody and sends a message twice at most once per kill.

The senders of the crash test are `manage.py send_announcements` processes sharing the test's
database: on PostgreSQL the test database itself, on SQLite (whose test database lives in memory)
a copy of it in a file, made once the meeting is announced."""

import collections
import datetime
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection
from django.utils import timezone

import icalendar
import pytest

from events import announcements
from events.factories import EventIndexPageFactory
from events.models import Announcement, Delivery, Subscriber
from tests.events.conftest import make_event
from tests.events.smtp_sink import Sink
from tests.helpers import make_landing_page, restore_databases, snapshot_databases

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 500


def subscribers(count):
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"person{n}@example.org",
            language="es" if n % 3 == 0 else "en",
            status=Subscriber.Status.CONFIRMED,
            token=f"token-{n}",
        )
        for n in range(count)
    )


@pytest.mark.django_db
def test_announcements_arrive_over_smtp(event_index, settings):
    subscribers(3)
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        event = make_event(event_index, timezone.now() + datetime.timedelta(days=9), live=False)
        event.save_revision().publish()
        assert announcements.send_batch() == {Delivery.Status.SENT: 3}
        received = sink.wait_for(3, timeout=10)
    assert sorted(message["To"] for message in received) == [
        "person0@example.org",
        "person1@example.org",
        "person2@example.org",
    ]
    for message in received:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert (
            message["Message-ID"]
            == Delivery.objects.get(subscriber__email=message["To"]).message_id
        )
        [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        [vevent] = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
        assert str(vevent["UID"]) == f"event-{event.translation_key}@localhost"


# Crashes ----------------------------------------------------------------------------------------


def shared_database(tmp_path):
    """DATABASE_URL for other processes, and a function counting the deliveries left to send."""
    if connection.vendor == "sqlite":
        path = tmp_path / "shared.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)

        def pending():
            with sqlite3.connect(path) as db:
                query = "SELECT count(*) FROM events_delivery WHERE status = 'pending'"
                return db.execute(query).fetchone()[0]

        return f"sqlite:///{path}", pending
    from tests.production.conftest import database_url

    return database_url(connection.settings_dict), (
        lambda: Delivery.objects.filter(status=Delivery.Status.PENDING).count()
    )


def sender(env, exit_after=None):
    env = {**env, "CARE_TEST_EXIT_AFTER": str(exit_after or "")}
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "send_announcements", "--until-done", "--batch", "50"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_senders_killed_at_random_miss_nobody(
    django_db_setup, django_db_blocker, tmp_path, monkeypatch
):
    """Outside any test transaction, since the senders see only committed rows; afterwards the
    database gets its first rows back."""
    seed = int(os.environ.get("CARE_TEST_SEED") or time.time())
    with django_db_blocker.unblock():
        initial = snapshot_databases()
        try:
            received, runs, kills = crash_and_restart(random.Random(seed), tmp_path, monkeypatch)
        finally:
            restore_databases(initial)
    ids = collections.Counter(message["Message-ID"] for message in received)
    addresses = {message["To"] for message in received}
    duplicates = sum(count - 1 for count in ids.values())
    print(f"seed {seed}: {runs} runs, {kills} killed, {duplicates} sent twice")
    assert addresses == {f"person{n}@example.org" for n in range(SUBSCRIBERS)}, seed
    assert len(ids) == SUBSCRIBERS
    assert duplicates <= kills, seed
    assert kills >= 1, seed


def crash_and_restart(rng, tmp_path, monkeypatch):
    # The emails go through the senders started below, not a task of this process.
    monkeypatch.setattr(announcements, "queue_sending", lambda: None)
    event_index = EventIndexPageFactory(parent=make_landing_page())
    subscribers(SUBSCRIBERS)
    event = make_event(event_index, timezone.now() + datetime.timedelta(days=9))
    announcement = announcements.announce(event, Announcement.Kind.NEW, 0)
    assert announcement.deliveries.count() == SUBSCRIBERS
    database_url, pending = shared_database(tmp_path)

    kills = runs = 0
    started = time.monotonic()
    with Sink() as sink:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.events.sender_settings",
            "DATABASE_URL": database_url,
            "CARE_TEST_SMTP_PORT": str(sink.port),
        }
        while pending():
            assert runs < 30 and time.monotonic() - started < 90, "not done"
            runs += 1
            # Six runs die (most of them), then one is left to finish.
            mode = "exit mid-send" if runs == 1 else rng.choice(["exit mid-send", "kill"])
            if runs > 6:
                process = sender(env)  # left alone
                _out, errors = process.communicate(timeout=60)
                assert process.returncode == 0, errors.decode()
            elif mode == "exit mid-send":
                # Dies just after the mail server accepted a message, before recording it.
                process = sender(env, exit_after=rng.randint(1, 100))
                process.communicate(timeout=60)
            else:
                process = sender(env)
                try:
                    process.communicate(timeout=rng.uniform(1.5, 6))
                except subprocess.TimeoutExpired:
                    process.send_signal(signal.SIGKILL)
                    process.communicate()
            kills += process.returncode != 0
            # A dead sender's claim lapses after a second (sender_settings).
            time.sleep(1.1)
        return sink.received(), runs, kills
