"""Send the emails of submissions still waiting for them: those whose mail server failed on
every automatic try, or whose task could not be queued or whose worker was down. The scheduler
runs it every 15 minutes (`CARE_SCHEDULE`). Safe beside the workers: each submission is claimed
before it is sent and what has been sent is recorded, so nothing goes twice."""

import datetime
import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from forms import notifications
from forms.models import Submission

logger = logging.getLogger("forms.tasks")


class Command(BaseCommand):
    help = "Send the notification and confirmation emails of submissions still waiting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=15,
            help="Only submissions at least this many minutes old (default 15), leaving newer "
            "ones to the task queue's own retries.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, older_than, dry_run, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than)
        waiting = Submission.objects.filter(
            email_status=Submission.EmailStatus.PENDING, submit_time__lte=cutoff
        )
        if dry_run:
            self.stdout.write(f"{waiting.count()} submission(s) waiting for their emails.")
            return
        sent = failed = busy = 0
        for submission_id in waiting.order_by("pk").values_list("pk", flat=True):
            try:
                done = notifications.send_due_emails(submission_id)
            except Exception:
                failed += 1
                logger.exception("Emails of submission %s failed again", submission_id)
            else:
                sent += done
                busy += not done
        logger.info("send_form_emails: %s sent, %s failed, %s busy", sent, failed, busy)
        self.stdout.write(
            f"Emails sent for {sent} submission(s); {failed} failed; {busy} being sent elsewhere."
        )
