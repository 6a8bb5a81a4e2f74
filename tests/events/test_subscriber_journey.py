"""The landing page's promise, end to end over real SMTP (a mail server on loopback): people
register on the English and the Spanish page, get a confirmation in their language, confirm
with the button, and then hear of a new meeting once each, of its new time once, of its
cancellation once, each email with a calendar file whose UID is the feed's; whoever never
confirmed hears nothing, and whoever unsubscribed with one click hears nothing more."""

# The fixtures come from `subscription_support`, imported by name (pytest finds them so);
# ruff reads the test arguments as redefinitions.
# ruff: noqa: F811

import datetime
import re
from email.header import decode_header, make_header
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone

import icalendar
import pytest

from events import announcements
from events.models import EventPage, Subscriber
from tests.events.conftest import make_event
from tests.events.smtp_sink import Sink
from tests.events.subscription_support import (  # noqa: F401
    LINK,
    register,
    register_form,
    spanish_register_form,
)

pytestmark = pytest.mark.django_db


def subject_of(message):
    return str(make_header(decode_header(message["Subject"])))


def text_of(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def calendar_of(message):
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def feed_uid(client, community, event):
    feed = icalendar.Calendar.from_ical(client.get(community.url + "ical/").content)
    uids = [str(v["UID"]) for v in feed.walk("VEVENT") if event.title in str(v["SUMMARY"])]
    assert len(uids) == 1
    return uids[0]


def send_everything(capture):
    with capture(execute=True):
        while announcements.send_batch():
            pass


def test_registration_confirmation_and_every_announcement_over_smtp(
    client,
    register,
    register_form,
    spanish_register_form,
    event_index,
    settings,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port

        register(register_form, address="ada@example.org")
        register(spanish_register_form, address="luz@example.org")
        register(register_form, address="never-confirms@example.org")
        confirmations = {m["To"]: m for m in sink.wait_for(3, timeout=10)}
        assert set(confirmations) == {
            "ada@example.org",
            "luz@example.org",
            "never-confirms@example.org",
        }
        assert subject_of(confirmations["ada@example.org"]).startswith("Confirm your")
        assert subject_of(confirmations["luz@example.org"]).startswith("Confirme su suscripción")
        for address in ("ada@example.org", "luz@example.org"):
            [confirm] = [
                u for u in LINK.findall(text_of(confirmations[address])) if "/confirm/" in u
            ]
            assert Client().post(urlsplit(confirm).path).status_code == 200
        statuses = dict(Subscriber.objects.values_list("email", "status"))
        assert statuses == {
            "ada@example.org": Subscriber.Status.CONFIRMED,
            "luz@example.org": Subscriber.Status.CONFIRMED,
            "never-confirms@example.org": Subscriber.Status.PENDING,
        }

        # A new meeting: one announcement for each confirmed subscriber, nobody else.
        start = timezone.now() + datetime.timedelta(days=9)
        meeting = make_event(event_index, start, live=False, title="Zoning and health")
        with capture(execute=True):
            meeting.save_revision().publish()
        send_everything(capture)
        new = sink.wait_for(5, timeout=10)[3:]
        assert sorted(m["To"] for m in new) == ["ada@example.org", "luz@example.org"]
        uid = feed_uid(client, event_index, meeting)
        for message in new:
            calendar, vevent = calendar_of(message)
            assert str(vevent["UID"]) == uid
            assert str(calendar["METHOD"]) == "PUBLISH"
        assert len({m["Message-ID"] for m in new}) == 2

        # Luz unsubscribes with one click, as her mail app does from the header.
        luz = next(m for m in new if m["To"] == "luz@example.org")
        [unsubscribe] = re.findall(r"<([^>]+)>", luz["List-Unsubscribe"])
        assert luz["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        response = Client(enforce_csrf_checks=True).post(
            urlsplit(unsubscribe).path, {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 200
        assert Subscriber.objects.get(email="luz@example.org").status == "unsubscribed"

        # The time changes: one update, to those still subscribed.
        meeting = EventPage.objects.get(pk=meeting.pk)
        meeting.start += datetime.timedelta(hours=1)
        meeting.end += datetime.timedelta(hours=1)
        with capture(execute=True):
            meeting.save_revision().publish()
        send_everything(capture)
        [update] = sink.wait_for(6, timeout=10)[5:]
        assert update["To"] == "ada@example.org"
        calendar, vevent = calendar_of(update)
        assert str(vevent["UID"]) == uid
        assert vevent.decoded("DTSTART") == meeting.start.replace(microsecond=0)
        assert int(vevent["SEQUENCE"]) >= 1

        # Cancelled: one cancellation with the same UID.
        with capture(execute=True):
            EventPage.objects.get(pk=meeting.pk).unpublish()
        send_everything(capture)
        [cancellation] = sink.wait_for(7, timeout=10)[6:]
        assert cancellation["To"] == "ada@example.org"
        calendar, vevent = calendar_of(cancellation)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(vevent["UID"]) == uid
        assert str(vevent["STATUS"]) == "CANCELLED"

        # Nothing more arrives for anyone.
        send_everything(capture)
        assert len(sink.received()) == 7
