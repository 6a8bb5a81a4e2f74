"""The scheduler's `keep_library_indexes` job, every minute (`KeptLibraryIndex`)."""

from django.core.management.base import BaseCommand

from resources.models import KeptLibraryIndex


class Command(BaseCommand):
    help = (
        "Read each resource library once for the current content, so the first visitor after "
        "an edit does not wait for it (run every minute by the scheduler)."
    )

    def handle(self, *args, **options):
        read = KeptLibraryIndex.keep_every_library()
        if options["verbosity"] > 1:
            self.stdout.write(f"{read} libraries read")
