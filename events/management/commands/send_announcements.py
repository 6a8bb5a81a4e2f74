"""Send waiting meeting announcements, a batch at a time: the scheduler's `send_announcements`
job runs it every minute (`CARE_SCHEDULE`), which sets the pace (`CARE_ANNOUNCEMENT_BATCH` a
minute). It first makes the reminders that are due. Safe beside other senders: each email is
claimed before it is sent."""

from django.core.management.base import BaseCommand

from events import announcements


class Command(BaseCommand):
    help = "Make due meeting reminders, then send a batch of waiting announcement emails."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            type=int,
            default=None,
            help="Emails per batch (default: CARE_ANNOUNCEMENT_BATCH).",
        )
        parser.add_argument(
            "--until-done", action="store_true", help="Send batches until nothing is waiting."
        )

    def handle(self, *args, batch, until_done, **options):
        reminders = announcements.queue_reminders()
        totals = {}
        while True:
            counts = announcements.send_batch(batch)
            for status, count in counts.items():
                totals[status] = totals.get(status, 0) + count
            if not (until_done and counts):
                break
        summary = ", ".join(f"{count} {status}" for status, count in sorted(totals.items()))
        self.stdout.write(f"{len(reminders)} reminder(s) made; emails: {summary or 'none'}.")
