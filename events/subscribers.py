"""What happens to a meeting subscriber: registering (double opt-in, with a limit on
confirmation emails per address), confirming, leaving, being forgotten, and being deleted once
they never confirmed or left long ago.

Registering never tells the visitor anything about the address: whether it is new, waiting or
subscribed already, the form thanks them the same way. Only the address's owner hears more, by
email, and at most `CONFIRMATION_LIMIT` times a day, so the form cannot be used to flood a
stranger's inbox."""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Subscriber

logger = logging.getLogger(__name__)

CONFIRMATION_LIMIT = 3
CONFIRMATION_WINDOW = datetime.timedelta(hours=24)


def new_token():
    return secrets.token_urlsafe(32)


def keep_period():
    return datetime.timedelta(days=settings.CARE_SUBSCRIBERS_KEEP_DAYS)


def normalised(address):
    """The address as subscribers are kept (trimmed, lower case), or None if it is none."""
    address = address.strip().lower() if isinstance(address, str) else ""
    try:
        validate_email(address)
    except ValidationError:
        return None
    return address


def _created(address, language):
    return Subscriber.objects.create(email=address, language=language, token=new_token())


def register(address, language, now=None):
    """Someone asked for meeting announcements at `address` from a page in `language`.
    Returns the subscriber whose confirmation email is due (queue it after commit), or None
    when no email should go out: confirmed already, or the daily limit reached."""
    now = now or timezone.now()
    address = normalised(address)
    if address is None:
        # Only a submission released from the spam folder can bring one here.
        return None
    with transaction.atomic():
        subscriber = _locked_or_created(address, language)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return None
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            # Back after leaving: asked again, in the language of the page used this time; the
            # links of earlier emails stop working.
            subscriber.status = Subscriber.Status.PENDING
            subscriber.language = language
            subscriber.token = new_token()
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["status", "language", "token", "unsubscribed_at"])
        return subscriber if reserve_confirmation(subscriber, now) else None


def invite(address, language, now=None):
    """A pending subscriber, its confirmation email reserved, for an address that has no
    subscriber yet (people who registered before registering was a subscription). None if the
    address has one, in any status, or is no address: asking twice never happens."""
    address = normalised(address)
    if address is None:
        return None
    with transaction.atomic():
        try:
            # The address is unique: one already kept, in any status, is refused here.
            with transaction.atomic():
                subscriber = _created(address, language)
        except IntegrityError:
            return None
        reserve_confirmation(subscriber, now)
    return subscriber


def _locked_or_created(address, language):
    subscriber = Subscriber.objects.select_for_update().filter(email=address).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return _created(address, language)
    except IntegrityError:
        # Two registrations of one address at the same instant: the other one created it.
        return Subscriber.objects.select_for_update().get(email=address)


def reserve_confirmation(subscriber, now=None):
    """Count one more confirmation email to this address if the limit allows it. The count
    starts again once a day has passed since the last one; a reservation whose email then
    fails still counts, which errs on the side of the address's owner."""
    now = now or timezone.now()
    last = subscriber.confirmation_sent_at
    sent = subscriber.confirmations_sent if last and now - last < CONFIRMATION_WINDOW else 0
    if sent >= CONFIRMATION_LIMIT:
        logger.info("Confirmation to subscriber %s held back: daily limit", subscriber.pk)
        return False
    subscriber.confirmations_sent = sent + 1
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmations_sent", "confirmation_sent_at"])
    return True


def confirm_subscriber(subscriber):
    """Only a waiting subscription is confirmed, and only once, however many posts arrive."""
    now = timezone.now()
    updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
        status=Subscriber.Status.CONFIRMED, confirmed_at=now
    )
    if updated:
        subscriber.status, subscriber.confirmed_at = Subscriber.Status.CONFIRMED, now
    return bool(updated)


def unsubscribe_subscriber(subscriber):
    now = timezone.now()
    updated = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Subscriber.Status.UNSUBSCRIBED)
        .update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now)
    )
    if updated:
        subscriber.status, subscriber.unsubscribed_at = Subscriber.Status.UNSUBSCRIBED, now
    return bool(updated)


def forget(address, dry_run=False):
    """Delete the subscriber with this address (any case), when its owner asks to be
    forgotten. Returns how many were (or, with dry_run, would be) deleted."""
    found = Subscriber.objects.filter(email=address.strip().lower())
    count = found.count()
    if count and not dry_run:
        found.delete()
    return count


def expired(now=None):
    """Subscribers kept no longer: asked but never confirmed, or gone, for the keep period.
    A subscriber sent a confirmation again recently is still waiting."""
    cutoff = (now or timezone.now()) - keep_period()
    never_confirmed = Q(status=Subscriber.Status.PENDING, created_at__lt=cutoff) & (
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff)
    )
    gone = Q(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
    return Subscriber.objects.filter(never_confirmed | gone)


def purge(now=None, dry_run=False):
    """Delete the expired subscribers; return {status: number deleted (or would be)}."""
    found = expired(now)
    counts = {}
    for status in (Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED):
        counts[status] = found.filter(status=status).count()
    if not dry_run:
        found.delete()
    logger.info(
        "purge_subscribers%s: %s never confirmed, %s unsubscribed",
        " (dry run)" if dry_run else "",
        counts[Subscriber.Status.PENDING],
        counts[Subscriber.Status.UNSUBSCRIBED],
    )
    return counts
