"""Read each library for the current content version and keep what its views count from
(`KeptLibraryIndex`): the scheduler's `keep_library_indexes` job, every minute."""

from django.core.management.base import BaseCommand
from django.http import QueryDict

from care_site.base import cache
from resources.models import KeptLibraryIndex, ResourceIndexPage


def keep_library_indexes():
    """Read every live library not yet kept at the current content version; return how many.
    The version is read first: content changed during the read leaves the row behind the
    current version, where no request uses it, and the next run reads it again."""
    from resources.filters import library_data

    version = cache.version()
    KeptLibraryIndex.objects.exclude(library__live=True).delete()
    read = 0
    for library in ResourceIndexPage.objects.live().exclude(kept_index__version=version):
        terms, index = library.filter_resources(QueryDict()).read_library()
        KeptLibraryIndex.objects.update_or_create(
            library=library, defaults={"version": version, "data": library_data(terms, index)}
        )
        read += 1
    return read


class Command(BaseCommand):
    help = (
        "Read each resource library once for the current content, so the first visitor after "
        "an edit does not wait for it (run every minute by the scheduler)."
    )

    def handle(self, *args, **options):
        read = keep_library_indexes()
        if options["verbosity"] > 1:
            self.stdout.write(f"{read} libraries read")
