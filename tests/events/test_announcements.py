"""Meeting announcements as subscribers receive them (Django's in-memory mailbox): one email per
confirmed subscriber for a new meeting, a new time, a cancellation and a reminder, each in the
subscriber's language, with a calendar file whose UID is the feed's; nothing for a publication
that changes nothing; and the meeting's announcement report in the admin."""

import datetime
import email
import itertools

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import icalendar
import pytest
import time_machine

from events.models import Announcement, Delivery, EventPage, Subscriber
from tests.editors.conftest import editor, moderator  # noqa: F401  (fixtures)
from tests.events.conftest import make_event, ny

pytestmark = pytest.mark.django_db

NOW = ny(2031, 3, 1, 9)
MEETING = ny(2031, 3, 20, 13)
tokens = itertools.count()


def subscriber(address, language="en", status=Subscriber.Status.CONFIRMED, time_zone=""):
    return Subscriber.objects.create(
        email=address,
        language=language,
        status=status,
        time_zone=time_zone,
        token=f"token-{next(tokens)}-{address}",
    )


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def subscribers(db):
    return {
        "en": subscriber("ann@example.org"),
        "es": subscriber("beto@example.org", "es", time_zone="Europe/Madrid"),
        "pending": subscriber("carla@example.org", status=Subscriber.Status.PENDING),
        "left": subscriber("dan@example.org", status=Subscriber.Status.UNSUBSCRIBED),
    }


@pytest.fixture
def meeting(event_index, spanish_home, spanish):
    """A draft meeting in New York time with a published Spanish translation."""
    event = make_event(event_index, MEETING, title="Peer learning meeting", live=False)
    event_index.copy_for_translation(spanish)
    translated = event.copy_for_translation(spanish)
    translated.title = "Reunión de aprendizaje"
    translated.save_revision().publish()
    return event


def publish(event):
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def send():
    """What the scheduler's job does, until the queue is empty."""
    call_command("send_announcements", "--until-done", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent


def parsed(message):
    return email.message_from_bytes(message.message().as_bytes())


def calendar_of(message):
    [part] = [part for part in parsed(message).walk() if part.get_content_type() == "text/calendar"]
    return part, icalendar.Calendar.from_ical(part.get_payload(decode=True))


def vevent(message):
    [event] = calendar_of(message)[1].walk("VEVENT")
    return event


def by_address(messages):
    assert len(messages) == len({m.to[0] for m in messages}), "one email per subscriber"
    return {message.to[0]: message for message in messages}


def feed_uid(client, event_index, event):
    response = client.get(event_index.url + event_index.reverse_subpage("calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    [uid] = [str(e["UID"]) for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == event.title]
    return uid


def test_publishing_a_meeting_announces_it_once_to_each_confirmed_subscriber(
    client, event_index, meeting, subscribers
):
    publish(meeting)
    messages = by_address(send())
    assert set(messages) == {"ann@example.org", "beto@example.org"}

    english, spanish = messages["ann@example.org"], messages["beto@example.org"]
    assert english.subject == "New meeting: Peer learning meeting"
    assert "March 20, 2031, 1:00 PM – 2:30 PM EDT (America/New York)" in english.body
    assert "In your time zone" not in english.body
    assert "https://meet.example.org/care" in english.body
    assert spanish.subject == "Nueva reunión: Reunión de aprendizaje"
    assert "20 de marzo de 2031, 13:00 – 14:30 EDT (America/New York)" in spanish.body
    assert "20 de marzo de 2031, 18:00 – 19:30 CET (Europe/Madrid)" in spanish.body

    uid = feed_uid(client, event_index, meeting)
    for message in (english, spanish):
        headers = parsed(message)
        unsubscribe = " ".join(headers["List-Unsubscribe"].split())
        assert unsubscribe.startswith("<http://localhost/") and unsubscribe.endswith(">")
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["Message-ID"].endswith("@localhost>")
        part, calendar = calendar_of(message)
        assert part.get_param("method") == "PUBLISH"
        assert str(calendar["METHOD"]) == "PUBLISH"
        event = vevent(message)
        assert str(event["UID"]) == uid
        assert event.decoded("SEQUENCE") == 0
        assert event.decoded("DTSTART") == MEETING
    assert str(vevent(spanish)["SUMMARY"]) == "Reunión de aprendizaje"

    # Publishing again with the same time announces nothing more.
    publish(meeting)
    assert send() == []
    assert Announcement.objects.count() == 1


def test_a_meeting_with_no_translation_gives_its_english_words(event_index, subscribers):
    event = make_event(event_index, MEETING, title="English only", live=False)
    publish(event)
    messages = by_address(send())
    assert messages["ann@example.org"].subject == "New meeting: English only"
    assert "not translated" not in messages["ann@example.org"].body
    assert messages["beto@example.org"].subject.endswith(": English only")
    assert "CET (Europe/Madrid)" in messages["beto@example.org"].body


def test_a_meeting_not_yet_in_spanish_is_announced_in_spanish_with_its_english_words(
    event_index, spanish_home
):
    """The email speaks the subscriber's language; only the meeting's own title and description
    are in English, and it says so."""
    subscriber("luz@example.org", language="es")
    event = make_event(event_index, MEETING, title="English only", live=False)
    publish(event)
    [email] = send()
    assert email.subject == "Nueva reunión: English only"
    assert email.extra_headers["Content-Language"] == "es"
    assert "aún no está traducida a su idioma" in email.body
    assert "están en inglés" in email.body.casefold()


def test_a_new_time_is_announced_once_as_an_update(meeting, subscribers):
    publish(meeting)
    first = by_address(send())
    meeting.start += datetime.timedelta(hours=1)
    meeting.end += datetime.timedelta(hours=1)
    publish(meeting)
    assert meeting.schedule_sequence == 1

    messages = by_address(send())
    assert set(messages) == {"ann@example.org", "beto@example.org"}
    update = messages["ann@example.org"]
    assert update.subject == "New date or time: Peer learning meeting"
    assert "2:00 PM – 3:30 PM EDT" in update.body
    assert vevent(update).decoded("SEQUENCE") == 1
    assert vevent(update)["UID"] == vevent(first["ann@example.org"])["UID"]
    assert parsed(update)["Message-ID"] != parsed(first["ann@example.org"])["Message-ID"]
    assert messages["beto@example.org"].subject.startswith("Nueva fecha u hora")

    publish(meeting)
    assert send() == []


def test_unpublishing_a_meeting_cancels_it_once(admin_client, meeting, subscribers):
    publish(meeting)
    announced = by_address(send())
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[meeting.pk]))
    assert response.status_code == 302

    messages = by_address(send())
    assert set(messages) == {"ann@example.org", "beto@example.org"}
    cancellation = messages["ann@example.org"]
    assert cancellation.subject == "Cancelled: Peer learning meeting"
    assert "Join the meeting" not in cancellation.body
    part, calendar = calendar_of(cancellation)
    assert part.get_param("method") == "CANCEL"
    assert str(calendar["METHOD"]) == "CANCEL"
    event = vevent(cancellation)
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == vevent(announced["ann@example.org"])["UID"]
    assert event.decoded("SEQUENCE") == 1
    assert messages["beto@example.org"].subject == "Cancelada: Reunión de aprendizaje"
    # The meeting keeps the higher sequence: published again, calendars take it back.
    assert EventPage.objects.get(pk=meeting.pk).schedule_sequence == 1

    publish(meeting)
    [again, _spanish] = sorted(send(), key=lambda m: m.to[0])
    assert again.subject == "New meeting: Peer learning meeting"
    assert vevent(again).decoded("SEQUENCE") == 2


def test_deleting_an_announced_meeting_cancels_it(admin_client, meeting, subscribers):
    publish(meeting)
    send()
    key = meeting.translation_key
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[meeting.pk]))
    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=meeting.pk).exists()

    messages = by_address(send())
    assert messages["ann@example.org"].subject == "Cancelled: Peer learning meeting"
    assert str(vevent(messages["ann@example.org"])["STATUS"]) == "CANCELLED"
    cancellation = Announcement.objects.get(kind=Announcement.Kind.CANCELLED)
    assert cancellation.event is None
    assert cancellation.event_key == key


def test_an_unannounced_draft_or_a_past_meeting_announces_nothing(event_index, subscribers):
    past = make_event(event_index, NOW - datetime.timedelta(days=3), live=False)
    publish(past)
    draft = make_event(event_index, MEETING, live=False)
    draft.save_revision()
    assert send() == []
    assert not Announcement.objects.exists()


def test_someone_who_unsubscribed_receives_nothing_more(meeting, subscribers):
    publish(meeting)
    send()
    meeting.start += datetime.timedelta(days=1)
    meeting.end += datetime.timedelta(days=1)
    publish(meeting)
    # They leave after the change was announced, before its emails went out.
    Subscriber.objects.filter(pk=subscribers["es"].pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    assert set(by_address(send())) == {"ann@example.org"}
    assert Delivery.objects.get(subscriber=subscribers["es"], status="skipped")

    meeting.start += datetime.timedelta(days=1)
    meeting.end += datetime.timedelta(days=1)
    publish(meeting)
    assert set(by_address(send())) == {"ann@example.org"}


def test_the_reminder_goes_out_once_the_set_time_before_the_meeting(meeting, subscribers, settings):
    settings.CARE_MEETING_REMINDER_HOURS = 24
    publish(meeting)
    send()
    with time_machine.travel(MEETING - datetime.timedelta(hours=25), tick=False):
        assert send() == []
    with time_machine.travel(MEETING - datetime.timedelta(hours=23), tick=False):
        messages = by_address(send())
        assert send() == []
    assert set(messages) == {"ann@example.org", "beto@example.org"}
    assert messages["ann@example.org"].subject == "Reminder: Peer learning meeting"
    assert messages["beto@example.org"].subject == "Recordatorio: Reunión de aprendizaje"
    assert vevent(messages["ann@example.org"]).decoded("SEQUENCE") == 0


def test_a_meeting_published_within_the_reminder_window_gets_no_separate_reminder(
    event_index, subscribers
):
    event = make_event(event_index, NOW + datetime.timedelta(hours=5), live=False)
    publish(event)
    assert len(send()) == 2
    assert send() == []


def test_publishing_queues_the_first_batch_at_once(
    meeting, subscribers, django_capture_on_commit_callbacks, settings
):
    settings.CARE_ANNOUNCEMENT_BATCH = 1
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting)
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(status="pending").count() == 1


def test_batches_are_the_configured_size(meeting, subscribers, settings):
    settings.CARE_ANNOUNCEMENT_BATCH = 1
    publish(meeting)
    call_command("send_announcements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


# The report in the admin ------------------------------------------------------------------------


class BrokenBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_moderators_see_counts_and_resend_failed_emails(
    client,
    meeting,
    subscribers,
    settings,
    django_user_model,
    editor,  # noqa: F811
    moderator,  # noqa: F811
):
    publish(meeting)
    settings.CARE_ANNOUNCEMENT_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = "tests.events.test_announcements.BrokenBackend"
    send()
    assert Delivery.objects.filter(status="failed").count() == 2

    admin_client = client
    admin_client.force_login(moderator)
    url = reverse("events_announcements", args=[meeting.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    assert url in edit.content.decode()
    response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<td data-status="failed">2</td>' in page
    assert '<td data-status="sent">0</td>' in page
    assert "Resend the failed ones" in page

    announcement = Announcement.objects.get()
    resend = reverse("events_announcements_resend", args=[meeting.pk, announcement.pk])
    assert admin_client.get(resend).status_code == 405
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = admin_client.post(resend)
    assert response.status_code == 302
    assert len(by_address(send())) == 2
    page = admin_client.get(url).content.decode()
    assert '<td data-status="sent">2</td>' in page
    assert '<td data-status="failed">0</td>' in page
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[meeting.pk]))
    assert "Failed announcement emails sent again" in history.content.decode()

    # An editor sees the counts but may not send emails to the subscribers.
    client.force_login(editor)
    assert client.get(url).status_code == 200
    Delivery.objects.update(status="failed")
    response = client.post(resend)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert Delivery.objects.filter(status="failed").count() == 2
    # Someone who may not edit the meeting sees nothing of it.
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)


def test_a_refused_email_is_tried_again_once_its_claim_lapses_then_failed(
    meeting, subscribers, settings
):
    publish(meeting)
    settings.CARE_ANNOUNCEMENT_MAX_ATTEMPTS = 2
    settings.EMAIL_BACKEND = "tests.events.test_announcements.BrokenBackend"
    send()
    assert Delivery.objects.filter(status="pending", attempts=1).count() == 2
    send()  # the claims still hold: nothing tried
    assert Delivery.objects.filter(status="pending", attempts=1).count() == 2
    lapsed = NOW + datetime.timedelta(seconds=settings.CARE_ANNOUNCEMENT_CLAIM_SECONDS + 1)
    with time_machine.travel(lapsed, tick=False):
        send()
    failed = Delivery.objects.filter(status="failed", attempts=2)
    assert failed.count() == 2
    assert failed.first().error == "ConnectionRefusedError: mail server down"


def test_the_scheduler_job_sends_announcements_and_reminders(meeting, subscribers, settings):
    settings.CARE_SCHEDULE = {
        "send_announcements": settings.CARE_SCHEDULE["send_announcements"],
    }
    publish(meeting)
    call_command("run_scheduler", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(by_address(mail.outbox)) == 2
    mail.outbox.clear()
    with time_machine.travel(MEETING - datetime.timedelta(hours=2), tick=False):
        call_command("run_scheduler", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {message.subject for message in mail.outbox} == {
        "Reminder: Peer learning meeting",
        "Recordatorio: Reunión de aprendizaje",
    }
