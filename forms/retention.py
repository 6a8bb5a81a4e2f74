"""Deleting submissions: those past their form's retention period, and every one a person sent,
when they ask. Each deletion is counted per form page and written to the audit log."""

import logging
from collections import Counter

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from wagtail.models import Page

from . import audit
from .models import FormPage, Submission

logger = logging.getLogger(__name__)

# Sent with `address` and `dry_run` by `forget`, inside its transaction, so the other apps that
# keep an address (meeting subscribers: `home.apps` connects them) forget it too. Each receiver
# returns (what it deletes, as plural words for the command's output, how many).
person_forgotten = Signal()


def purge_expired(now=None, dry_run=False):
    """Return {form page: number deleted (or, with dry_run, that would be)}."""
    now = now or timezone.now()
    counts = {}
    for page in FormPage.objects.order_by("pk"):
        expired = Submission.objects.filter(page=page, submit_time__lt=now - page.retention_period)
        count = expired.count()
        if not count:
            continue
        counts[page] = count
        if not dry_run:
            with transaction.atomic():
                expired.delete()
                audit.record(page, audit.PURGE, count, days=page.retention_period.days)
    logger.info(
        "purge_submissions%s: %s submission(s) past their retention period on %s form(s)",
        " (dry run)" if dry_run else "",
        sum(counts.values()),
        len(counts),
    )
    return counts


def mentions(form_data, address):
    for value in form_data.values():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and item.strip().lower() == address for item in values):
            return True
    return False


def submissions_by(address):
    """Every submission with an answer that is exactly `address` (any case), in any form."""
    address = address.strip().lower()
    candidates = Submission.objects.all()
    if address.isascii():
        # JSON text on every database spells an ASCII address as typed: a cheap first sieve.
        candidates = candidates.filter(form_data__icontains=address)
    return [
        s for s in candidates.only("pk", "page_id", "form_data") if mentions(s.form_data, address)
    ]


def forget(address, dry_run=False, elsewhere=None):
    """Return {form page: number deleted (or, with dry_run, that would be)}. `elsewhere`, a
    dict if given, receives {what: number} for the records other apps delete."""
    found = submissions_by(address)
    per_page = Counter(submission.page_id for submission in found)
    pages = Page.objects.in_bulk(per_page)
    counts = {pages[page_id]: count for page_id, count in per_page.items()}
    with transaction.atomic():
        if not dry_run and found:
            Submission.objects.filter(pk__in=[s.pk for s in found]).delete()
            for page, count in counts.items():
                audit.record(page, audit.FORGET, count)
        for _receiver, (what, count) in person_forgotten.send(
            sender=None, address=address, dry_run=dry_run
        ):
            if elsewhere is not None:
                elsewhere[what] = count
    # The address is personal data: the log has counts only.
    logger.info(
        "forget_person%s: %s submission(s) on %s form(s)",
        " (dry run)" if dry_run else "",
        len(found),
        len(counts),
    )
    return counts
