"""`manage.py restore ARCHIVE`: put back what `backup` wrote (docs/deployment.md)."""

from django.core.management.base import BaseCommand, CommandError

from care_site.base.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with a backup archive's. Stop the web, "
        "worker and scheduler processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive `manage.py backup` wrote.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the current data."
        )

    def handle(self, *args, archive, yes, **options):
        if not yes:
            try:
                answer = input("This replaces the site's database and media files. Type 'yes': ")
            except EOFError:  # no terminal to answer from
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            manifest = restore(archive)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['database']} database and {manifest['media_files']} media "
            f"file(s) backed up at {manifest['created']}."
        )
