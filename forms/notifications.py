"""The emails about a submission: a notice to staff (by default only that an answer arrived and
where to read it) and, if the editor wrote one, a confirmation to the sender. They are sent by
a background task after the submission is stored; each one sent is recorded on the submission,
so a retry never sends it twice."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def staff_addresses(page):
    return [address.strip() for address in page.to_address.split(",") if address.strip()]


def confirmation_address(page, submission):
    if not page.confirmation_text.strip():
        return ""
    return page.submitter_email(submission.form_data)


def emails_due(page):
    # Whether the answers hold an address to confirm to is checked when sending, sparing the
    # visitor's request a query.
    return bool(staff_addresses(page) or page.confirmation_text.strip())


def queue_emails(submission_id):
    """Run after the submission has committed. Queueing itself must not fail the request: a
    submission left waiting is picked up by `manage.py send_form_emails`."""
    from .tasks import send_submission_emails

    try:
        send_submission_emails.enqueue(submission_id)
    except Exception:
        logger.exception("Could not queue the emails of submission %s", submission_id)


def send_due_emails(submission):
    """Send what has not been sent yet; raises if the mail server fails."""
    from .models import Submission

    page = submission.page.specific
    if not submission.notified_at and staff_addresses(page):
        staff_message(page, submission).send()
        submission.notified_at = timezone.now()
        submission.save(update_fields=["notified_at"])
    address = confirmation_address(page, submission)
    if not submission.confirmation_sent_at and address:
        confirmation_message(page, address).send()
        submission.confirmation_sent_at = timezone.now()
        submission.save(update_fields=["confirmation_sent_at"])
    submission.email_status = Submission.EmailStatus.SENT
    submission.save(update_fields=["email_status"])


def sender(page):
    return page.from_address or settings.DEFAULT_FROM_EMAIL


def admin_url(page):
    path = reverse("wagtailforms:list_submissions", args=[page.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def staff_message(page, submission):
    answers = []
    if page.notify_with_answers:
        for field in page.get_form_fields():
            value = submission.form_data.get(field.clean_name)
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
                "admin_url": admin_url(page),
                "answers": answers,
            },
        )
    subject = page.subject or page.title
    return EmailMessage(subject, body, sender(page), staff_addresses(page))


def confirmation_message(page, address):
    subject = page.confirmation_subject or page.title
    return EmailMessage(subject, page.confirmation_text, sender(page), [address])
