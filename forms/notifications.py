"""The emails about a submission: a notice to staff (by default only that an answer arrived and
where to read it) and, if the editor wrote one, a confirmation to the sender. They are sent by
a background task after the submission is stored; each one sent is recorded on the submission,
so a retry never sends it twice.

Several processes may try the same submission at once (two workers, the periodic retry): each
first claims it with one conditional UPDATE, which only one of them can win on any database.
A claim lapses after `CLAIM_LEASE`, so a worker that died while sending holds nothing for long.
Each email carries a Message-ID fixed per submission, so in the one case left (a worker dying
after the mail server accepted a message but before the row says so) the copy sent again is
recognisably the same message."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .exports import readable
from .models import Submission

CLAIM_LEASE = datetime.timedelta(minutes=5)


def confirmation_address(page, submission):
    if page.confirmation_text.strip():
        for field in page.get_form_fields():
            if field.field_type == "email" and submission.form_data.get(field.clean_name):
                return submission.form_data[field.clean_name]
    return ""


def claim(submission_id):
    """Take on sending `submission_id`'s emails; the claim time if no one else holds them."""
    now = timezone.now()
    free = Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - CLAIM_LEASE)
    claimed = Submission.objects.filter(
        free, pk=submission_id, email_status=Submission.EmailStatus.PENDING
    ).update(email_claimed_at=now)
    return now if claimed == 1 else None


def release(submission_id, claimed_at):
    Submission.objects.filter(pk=submission_id, email_claimed_at=claimed_at).update(
        email_claimed_at=None
    )


def send_due_emails(submission_id):
    """Send what has not been sent yet. Returns False if another process holds the submission
    (or nothing is pending); raises if the mail server fails, leaving it for a retry with the
    failed try counted."""
    claimed_at = claim(submission_id)
    if claimed_at is None:
        return False
    try:
        # Read after the claim: what the holder before us recorded is seen.
        submission = Submission.objects.select_related("page").get(pk=submission_id)
        page = submission.page.specific
        if not submission.notified_at and page.staff_addresses():
            staff_message(page, submission).send()
            record(submission_id, notified_at=timezone.now())
        address = confirmation_address(page, submission)
        if not submission.confirmation_sent_at and address:
            subject = page.confirmation_subject or page.title
            text = page.confirmation_text
            email(page, submission, "confirmation", subject, text, [address]).send()
            record(submission_id, confirmation_sent_at=timezone.now())
        record(submission_id, email_status=Submission.EmailStatus.SENT, email_claimed_at=None)
    except BaseException:
        release(submission_id, claimed_at)
        record(submission_id, email_attempts=F("email_attempts") + 1)
        raise
    return True


def record(submission_id, **values):
    Submission.objects.filter(pk=submission_id).update(**values)


def email(page, submission, kind, subject, body, to):
    """One of the submission's emails. Its Message-ID is the same for every try of it, so
    receiving systems can tell a repeat."""
    sender = page.from_address or settings.DEFAULT_FROM_EMAIL
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    headers = {"Message-ID": f"<care-submission-{submission.pk}-{kind}@{domain}>"}
    return EmailMessage(subject, body, sender, to, headers=headers)


def staff_message(page, submission):
    path = reverse("wagtailforms:list_submissions", args=[page.pk])
    answers = []
    if page.notify_with_answers:
        for field in page.get_form_fields():
            value = readable(submission.form_data.get(field.clean_name))
            if isinstance(value, list):
                value = ", ".join(value)
            answers.append((field.label, "" if value is None else value))
    # Staff read the site's main language, whatever language the visitor used.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "care_forms/emails/staff_notification.txt",
            {
                "page": page,
                "submission": submission,
                "received": timezone.localtime(submission.submit_time),
                "language": dict(settings.LANGUAGES).get(submission.language, submission.language),
                "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
                "answers": answers,
            },
        )
    subject = page.subject or page.title
    return email(page, submission, "staff", subject, body, page.staff_addresses())
