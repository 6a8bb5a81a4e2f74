"""Announcements of meetings to the confirmed subscribers: a new meeting, a new date or time, a
cancellation, and a reminder shortly before.

What is announced follows the meeting in the site's default language (its translations give
the other languages' text):

- published while still to come and never announced (or announced cancelled): new;
- published with a higher `schedule_sequence` than the last announcement (the start or end
  changed): changed;
- unpublished or deleted (Wagtail unpublishes a live page before deleting it) while still to
  come, after being announced: cancelled, with a sequence above every earlier one, which the
  meeting keeps so that publishing it again reaches calendars too;
- `CARE_MEETING_REMINDER_HOURS` before the start, when it was announced earlier than that:
  reminder (queued by the scheduler's `send_announcements` job).

An announcement is unique per meeting, kind and sequence, so publishing again without a change
creates nothing. Making one creates a pending delivery for each subscriber confirmed at that
moment; `send_batch` sends them a batch at a time (the scheduler runs it every minute), each
claimed with one conditional UPDATE first, so two senders never send the same one and a sender
that died holds it only for `CARE_ANNOUNCEMENT_CLAIM_SECONDS`."""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from wagtail.models import Locale

from django_tasks import task

from care_site.base.background_tasks import queue_or_log

from . import announcement_emails
from .models import Announcement, Delivery, EventPage, Subscriber

logger = logging.getLogger(__name__)

Kind = Announcement.Kind
# News about the meeting itself; a reminder repeats the last of these.
SCHEDULE_KINDS = (Kind.NEW, Kind.CHANGED, Kind.CANCELLED)


def is_source(event):
    return event.locale_id == Locale.get_default().pk


def last_announcement(event_key):
    return (
        Announcement.objects.filter(event_key=event_key, kind__in=SCHEDULE_KINDS)
        .order_by("-created_at", "-pk")
        .first()
    )


# Making announcements --------------------------------------------------------------------------


def announce(event, kind, sequence):
    """The announcement of `kind` at `sequence` with a pending delivery per confirmed subscriber,
    or None if it exists already."""
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                event=event,
                event_key=event.translation_key,
                kind=kind,
                sequence=sequence,
                content=announcement_emails.content(event, kind, sequence),
            )
            confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
            Delivery.objects.bulk_create(
                (
                    Delivery(announcement=announcement, subscriber_id=subscriber_id)
                    for subscriber_id in confirmed.values_list("pk", flat=True).iterator()
                ),
                batch_size=1000,
            )
    except IntegrityError:
        return None
    transaction.on_commit(queue_sending)
    logger.info("Announcement %s made: %s", announcement.pk, announcement)
    return announcement


def on_published(sender, instance, **kwargs):
    """Receives `page_published` for meetings."""
    event = instance
    if not is_source(event) or event.start <= timezone.now():
        return
    last = last_announcement(event.translation_key)
    if last is None:
        announce(event, Kind.NEW, event.schedule_sequence)
    elif last.kind == Kind.CANCELLED:
        # Back on after a cancellation: calendars that took the cancellation accept the meeting
        # again only with a higher sequence.
        sequence = max(event.schedule_sequence, last.sequence + 1)
        EventPage.objects.filter(pk=event.pk).update(schedule_sequence=sequence)
        event.schedule_sequence = sequence
        announce(event, Kind.NEW, sequence)
    elif event.schedule_sequence > last.sequence:
        announce(event, Kind.CHANGED, event.schedule_sequence)


def on_unpublished(sender, instance, **kwargs):
    """Receives `page_unpublished` for meetings (sent before a live page is deleted, too)."""
    event = instance
    if not is_source(event) or event.start <= timezone.now():
        return
    last = last_announcement(event.translation_key)
    if last is None or last.kind == Kind.CANCELLED:
        return  # nobody was told about it
    sequence = max(event.schedule_sequence, last.sequence) + 1
    EventPage.objects.filter(pk=event.pk).update(schedule_sequence=sequence)
    event.schedule_sequence = sequence
    announce(event, Kind.CANCELLED, sequence)


def reminder_window():
    return datetime.timedelta(hours=settings.CARE_MEETING_REMINDER_HOURS)


def queue_reminders(now=None):
    """A reminder for each announced meeting starting within the reminder window, unless its
    announcement went out within that window already (it is fresh news)."""
    now = now or timezone.now()
    window = reminder_window()
    due = (
        EventPage.objects.live()
        .filter(locale=Locale.get_default(), start__gt=now, start__lte=now + window)
        .order_by("start")
    )
    made = []
    for event in due:
        last = last_announcement(event.translation_key)
        if last is None or last.kind == Kind.CANCELLED or last.created_at >= event.start - window:
            continue
        if announcement := announce(event, Kind.REMINDER, last.sequence):
            made.append(announcement)
    return made


# Sending -------------------------------------------------------------------------------------


def claim_lease():
    return datetime.timedelta(seconds=settings.CARE_ANNOUNCEMENT_CLAIM_SECONDS)


def waiting(now=None):
    """Deliveries to send: pending and claimed by nobody, or by a sender that died."""
    now = now or timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_lease())
    return Delivery.objects.filter(free, status=Delivery.Status.PENDING)


def claim(delivery_id):
    """Take on sending `delivery_id`; the claim time if no other sender holds it. The try is
    counted now: a message that kills its sender is tried only so often."""
    now = timezone.now()
    claimed = waiting(now).filter(pk=delivery_id).update(claimed_at=now, attempts=F("attempts") + 1)
    return now if claimed == 1 else None


def send_one(delivery_id, connection):
    """Send one delivery if this process wins its claim; returns its new status or None."""
    claimed_at = claim(delivery_id)
    if claimed_at is None:
        return None
    delivery = Delivery.objects.select_related("announcement", "subscriber").get(pk=delivery_id)
    mine = Delivery.objects.filter(pk=delivery_id, claimed_at=claimed_at)
    if delivery.subscriber.status != Subscriber.Status.CONFIRMED:
        mine.update(status=Delivery.Status.SKIPPED, claimed_at=None)
        return Delivery.Status.SKIPPED
    try:
        message = announcement_emails.message(delivery, connection)
        message.send()
    except Exception as error:
        failed = delivery.attempts >= settings.CARE_ANNOUNCEMENT_MAX_ATTEMPTS
        status = Delivery.Status.FAILED if failed else Delivery.Status.PENDING
        # The claim is kept: the next try waits for it to lapse, rather than hammering a mail
        # server that is down.
        mine.update(status=status, error=f"{type(error).__name__}: {error}")
        logger.warning("Announcement email %s failed (try %s)", delivery_id, delivery.attempts)
        return status
    mine.update(
        status=Delivery.Status.SENT,
        claimed_at=None,
        sent_at=timezone.now(),
        message_id=message.extra_headers["Message-ID"],
        error="",
    )
    return Delivery.Status.SENT


def send_batch(size=None):
    """Send up to `size` (`CARE_ANNOUNCEMENT_BATCH`) waiting deliveries, oldest announcement
    first, over one connection to the mail server. Returns {status: count}."""
    size = size or settings.CARE_ANNOUNCEMENT_BATCH
    ids = list(waiting().order_by("announcement_id", "pk").values_list("pk", flat=True)[:size])
    counts = {}
    if not ids:
        return counts
    connection = get_connection()
    with connection:
        for delivery_id in ids:
            status = send_one(delivery_id, connection)
            if status:
                counts[status] = counts.get(status, 0) + 1
    return counts


# On the queue the site's worker runs (the Procfile's `worker`), with the form emails.
@task(backend="care_forms")
def send_announcements():
    """One batch, queued when an announcement is made so its first emails leave at once; the
    scheduler's `send_announcements` job sends the rest, a batch a minute."""
    return send_batch()


def queue_sending():
    # Queueing must never fail a publication: the scheduler sends them anyway.
    queue_or_log(send_announcements, what="the sending of announcements")


def resend_failed(announcement):
    """Put the failed deliveries of `announcement` back in the queue; returns how many."""
    count = announcement.deliveries.filter(status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, attempts=0, claimed_at=None
    )
    if count:
        transaction.on_commit(queue_sending)
    return count


def announcements_of(event):
    """A meeting's announcements, oldest first, each with how many of its emails were sent,
    failed, are waiting or were skipped: one query."""
    counted = {
        name: Count("deliveries", filter=Q(deliveries__status=status))
        for name, status in (
            ("sent", Delivery.Status.SENT),
            ("failed", Delivery.Status.FAILED),
            ("waiting", Delivery.Status.PENDING),
            ("skipped", Delivery.Status.SKIPPED),
        )
    }
    return (
        Announcement.objects.filter(event_key=event.translation_key)
        .annotate(**counted)
        .order_by("created_at", "pk")
    )
