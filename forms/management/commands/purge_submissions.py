"""Delete submissions older than their form's retention period. Safe to run daily from cron."""

from django.core.management.base import BaseCommand

from forms.retention import purge_expired


class Command(BaseCommand):
    help = "Delete form submissions past their form's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run, **options):
        counts = purge_expired(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for page, count in counts.items():
            self.stdout.write(f"{verb} {count} submission(s) of “{page.title}” (page {page.pk}).")
        self.stdout.write(f"{verb} {sum(counts.values())} submission(s) in all.")
