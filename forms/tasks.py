"""The background task that sends a submission's emails, and tries again later when the mail
server fails: on a backend that can defer (the database backend in production) it queues
itself with a growing delay; elsewhere `manage.py send_form_emails` picks the submission up."""

import logging

from django_tasks import task

from care_site.base.background_tasks import queue_or_log, try_again_later

from . import notifications

logger = logging.getLogger(__name__)


def queue_emails(sender, submission_id, **kwargs):
    """Receives `models.emails_pending` (connected in `forms.apps`), sent once the submission
    has committed. Queueing itself must not fail the request: a submission left waiting is
    picked up by `manage.py send_form_emails`."""
    queue_or_log(
        send_submission_emails, submission_id, what=f"the emails of submission {submission_id}"
    )


@task(backend="care_forms")
def send_submission_emails(submission_id, attempt=1):
    try:
        sent = notifications.send_due_emails(submission_id)
    except Exception:
        what = f"Emails of submission {submission_id}"
        if not try_again_later(send_submission_emails, attempt, submission_id, what=what):
            logger.error(
                "%s failed (attempt %s); `manage.py send_form_emails` will try again",
                what,
                attempt,
                exc_info=True,
            )
        return "failed"
    # Not sent: nothing pending, or another process is sending them right now.
    return "sent" if sent else "nothing to send"
