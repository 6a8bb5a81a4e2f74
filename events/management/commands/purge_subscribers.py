"""Delete meeting subscribers who never confirmed, or who unsubscribed, longer ago than
CARE_SUBSCRIBERS_KEEP_DAYS. Run daily by the scheduler (CARE_SCHEDULE)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.subscribers import purge


class Command(BaseCommand):
    help = "Delete meeting subscribers who never confirmed or who unsubscribed, after a while."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run, **options):
        counts = purge(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        days = settings.CARE_SUBSCRIBERS_KEEP_DAYS
        self.stdout.write(
            f"{verb} {counts['pending']} subscriber(s) who did not confirm within {days} days "
            f"and {counts['unsubscribed']} who unsubscribed more than {days} days ago."
        )
