"""The `scheduler` process of the Procfile: runs the periodic jobs of `CARE_SCHEDULE`."""

from django.core.management.base import BaseCommand

from care_site.base.scheduler import run_due, run_forever


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (CARE_SCHEDULE) until stopped, each once per period however "
        "many schedulers run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tick", type=float, default=5.0, help="Seconds between looks at the schedule."
        )
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")

    def handle(self, *args, tick, once, **options):
        if once:
            ran = run_due()
            self.stdout.write(f"Ran {len(ran)} job(s): {', '.join(ran) or 'none due'}.")
            return
        run_forever(tick)
