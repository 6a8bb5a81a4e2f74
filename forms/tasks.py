"""The background task that sends a submission's emails, and tries again later when the mail
server fails: on a backend that can defer (the database backend in production) it queues
itself with a growing delay; elsewhere `manage.py send_form_emails` picks the submission up."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from . import notifications

logger = logging.getLogger(__name__)


def queue_emails(sender, submission_id, **kwargs):
    """Receives `models.emails_pending` (connected in `forms.apps`), sent once the submission
    has committed. Queueing itself must not fail the request: a submission left waiting is
    picked up by `manage.py send_form_emails`."""
    try:
        send_submission_emails.enqueue(submission_id)
    except Exception:
        logger.exception("Could not queue the emails of submission %s", submission_id)


@task(backend="care_forms")
def send_submission_emails(submission_id, attempt=1):
    try:
        sent = notifications.send_due_emails(submission_id)
    except Exception:
        backend = send_submission_emails.get_backend()
        if attempt < settings.CARE_FORMS_EMAIL_MAX_ATTEMPTS and backend.supports_defer:
            delay = settings.CARE_FORMS_EMAIL_RETRY_SECONDS * 2 ** (attempt - 1)
            logger.warning(
                "Emails of submission %s failed (attempt %s); trying again in %s s",
                submission_id,
                attempt,
                delay,
                exc_info=True,
            )
            run_after = timezone.now() + datetime.timedelta(seconds=delay)
            send_submission_emails.using(run_after=run_after).enqueue(submission_id, attempt + 1)
        else:
            logger.error(
                "Emails of submission %s failed (attempt %s); "
                "`manage.py send_form_emails` will try again",
                submission_id,
                attempt,
                exc_info=True,
            )
        return "failed"
    # Not sent: nothing pending, or another process is sending them right now.
    return "sent" if sent else "nothing to send"
