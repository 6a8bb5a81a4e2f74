"""The confirmation email of a meeting subscription, in the subscriber's language, sent by a
background task once the registration has committed (never inside the visitor's request), and
tried again later with a growing delay when the mail server fails."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from django_tasks import task

from care_site.base.background_tasks import queue_or_log, try_again_later

from .models import Subscriber
from .subscriptions import confirm_url, list_unsubscribe_headers

logger = logging.getLogger(__name__)


def confirmation_message(subscriber):
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        subject = gettext("Confirm your subscription to the Peer Learning Community")
        body = render_to_string(
            "events/emails/confirm_subscription.txt",
            {"subscriber": subscriber, "confirm_url": confirm_url(subscriber)},
        )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [subscriber.email],
        headers=list_unsubscribe_headers(subscriber),
    )


def queue_confirmation(subscriber):
    """Send the confirmation once the current transaction commits. Queueing must not fail the
    visitor's request: their submission is stored whatever happens here."""

    what = f"the confirmation of subscriber {subscriber.pk}"
    transaction.on_commit(
        partial(queue_or_log, send_confirmation, subscriber.pk, what=what), robust=True
    )


# The backend of the form emails: the worker process runs it in production.
@task(backend="care_forms")
def send_confirmation(subscriber_id, attempt=1):
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        # Confirmed, unsubscribed or forgotten meanwhile: nothing to ask any more.
        return "nothing to send"
    try:
        confirmation_message(subscriber).send()
    except Exception:
        what = f"Confirmation of subscriber {subscriber_id}"
        if not try_again_later(send_confirmation, attempt, subscriber_id, what=what):
            # Registering again sends a new one (within the daily limit).
            logger.error("%s failed (attempt %s); giving up", what, attempt, exc_info=True)
        return "failed"
    return "sent"
