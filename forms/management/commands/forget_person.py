"""Delete every submission a person sent, across all forms and languages, when they ask
(`--email` is matched against every answer, ignoring case)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from forms.retention import forget


class Command(BaseCommand):
    help = "Delete every form submission that gives this email address."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The person's email address.")
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, email, dry_run, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        elsewhere = {}
        counts = forget(email, dry_run=dry_run, elsewhere=elsewhere)
        verb = "Would delete" if dry_run else "Deleted"
        for page, count in counts.items():
            self.stdout.write(f"{verb} {count} submission(s) of “{page.title}” (page {page.pk}).")
        self.stdout.write(f"{verb} {sum(counts.values())} submission(s) in all.")
        for what, count in elsewhere.items():
            self.stdout.write(f"{verb} {count} {what}.")
