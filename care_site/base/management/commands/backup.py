"""`manage.py backup`: the database and the media files in one archive (docs/deployment.md)."""

from django.core.management.base import BaseCommand, CommandError

from care_site.base.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the media files to one archive, while the site serves."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="backups", help="Folder for the archive (default: backups/)."
        )

    def handle(self, *args, output, **options):
        try:
            archive = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
