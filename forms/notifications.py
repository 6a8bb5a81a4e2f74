"""The emails about a submission: a notice to staff (by default only that an answer arrived and
where to read it) and, if the editor wrote one, a confirmation to the sender. They are sent by
a background task after the submission is stored; each one sent is recorded on the submission,
so a retry never sends it twice."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .exports import readable
from .models import Submission


def confirmation_address(page, submission):
    if not page.confirmation_text.strip():
        return ""
    return page.submitter_email(submission.form_data)


def send_due_emails(submission):
    """Send what has not been sent yet; raises if the mail server fails."""
    page = submission.page.specific
    if not submission.notified_at and page.staff_addresses():
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
                "admin_url": admin_url(page),
                "answers": answers,
            },
        )
    subject = page.subject or page.title
    return EmailMessage(subject, body, sender(page), page.staff_addresses())


def confirmation_message(page, address):
    subject = page.confirmation_subject or page.title
    return EmailMessage(subject, page.confirmation_text, sender(page), [address])
