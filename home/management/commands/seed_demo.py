from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.seed.build import Seeder


class Command(BaseCommand):
    help = (
        "Build the CARE demo site: the real landing-page text, partners, resources, meetings "
        "and forms, in English and Spanish. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--resources",
            type=int,
            default=0,
            help="Also create this many synthetic demo resources (for benchmarks).",
        )
        parser.add_argument("--seed", type=int, default=2023, help="Random seed (deterministic).")

    def handle(self, *args, resources, seed, **options):
        created = Seeder(resources=resources, seed=seed).run()
        if created:
            call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} objects added)."))
        else:
            self.stdout.write("Demo content already in place; nothing to add.")
