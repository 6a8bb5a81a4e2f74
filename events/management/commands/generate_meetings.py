"""Put the next dates of every meeting series on the site (`events/series.py`). The scheduler
runs it every day (`CARE_SCHEDULE`), so each series always shows its `months_ahead` months of
dates; safe to run by hand at any time: a date made already is never made twice."""

from django.core.management.base import BaseCommand

from events.series import generate_all


class Command(BaseCommand):
    help = "Create the pages of the coming dates of every meeting series (safe to repeat)."

    def handle(self, *args, **options):
        for series, report in generate_all().items():
            line = (
                f"{series.title} (series {series.pk}): {len(report.created)} created, "
                f"{len(report.cancelled)} unpublished, {len(report.moved)} moved"
            )
            if report.left_for_editors:
                dates = ", ".join(day.isoformat() for day in report.left_for_editors)
                line += f"; moved dates with a draft waiting, to move by hand: {dates}"
            self.stdout.write(line)
