"""Who hears about the meetings (`Subscriber`), what they are told (`Announcement`), and each
email sent to each of them (`Delivery`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..time_zones import (
    validate_time_zone,
)
from .pages import EventPage


class Subscriber(models.Model):
    """Someone who registered to be told about the Peer Learning Community's meetings. Only a
    confirmed address (double opt-in: the link in the confirmation email) receives
    announcements; the token in every email's links lets its owner confirm, manage or end the
    subscription without an account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(
        unique=True, help_text=_("Where announcements go; kept in lower case, one per address.")
    )
    language = models.CharField(
        max_length=20, help_text=_("The language of the page they registered on.")
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Their own time zone, if they chose one: emails give times in it too."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Confirmation emails sent in the day before `confirmation_sent_at`: the limit that keeps
    # the form from flooding someone else's address (`events.subscribers`).
    confirmations_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("meeting subscriber")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"Subscriber {self.pk} ({self.get_status_display()})"


# Announcements -------------------------------------------------------------------------------


class Announcement(models.Model):
    """One piece of news about a meeting sent to every confirmed subscriber: that it was
    announced, that its time changed, that it was cancelled, or that it is soon. At most one
    per meeting, kind and schedule sequence, so publishing the same meeting again without a
    change of time announces nothing. What the emails say is kept here (`content`, one entry per
    language) when the announcement is made, so a retry sends the same message and a deleted
    meeting can still be announced as cancelled."""

    class Kind(models.TextChoices):
        NEW = "new", _("new meeting")
        CHANGED = "changed", _("new date or time")
        CANCELLED = "cancelled", _("cancelled")
        REMINDER = "reminder", _("reminder")

    event = models.ForeignKey(
        EventPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
        help_text=_("The meeting, while it exists."),
    )
    event_key = models.UUIDField(
        db_index=True, help_text=_("The meeting's translation key, kept when it is deleted.")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sequence = models.PositiveIntegerField(
        help_text=_("The meeting's schedule sequence this announcement is about.")
    )
    content = models.JSONField(
        default=dict, help_text=_("What the emails say, per language, as announced.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting announcement")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "kind", "sequence"], name="one_announcement_per_change"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.event_key}, {self.sequence})"


class Delivery(models.Model):
    """One announcement's email to one subscriber. A sender claims it (`claimed_at`) before
    sending and marks it sent after, so every pending one is sent and a copy is sent twice
    only when a sender dies between the mail server's answer and the mark."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent: unsubscribed")

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("announcement email")
        verbose_name_plural = _("announcement emails")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self):
        return f"Delivery {self.pk} ({self.get_status_display()})"
