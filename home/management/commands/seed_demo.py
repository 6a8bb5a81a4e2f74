from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.roles import sync_roles
from home.seed.build import Seeder
from home.seed.synthetic import SyntheticSeeder, index_pages, refresh_planner_statistics


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
            metavar="N",
            help=(
                "Also add N synthetic resources, with partners and meetings in proportion, "
                "written in bulk (for benchmarks and browsing a full library)."
            ),
        )
        parser.add_argument("--seed", type=int, default=2023, help="Random seed (deterministic).")

    def handle(self, *args, resources, seed, **options):
        created = Seeder(seed=seed).run()
        if created:
            call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} objects added)."))
        else:
            self.stdout.write("Demo content already in place; nothing to add.")
        # The roles' page permissions name the seeded landing pages, which exist only now.
        sync_roles(apps)
        if resources:
            added = SyntheticSeeder(resources, seed=seed).run()
            index_pages(added.pages)
            refresh_planner_statistics()
            self.stdout.write(
                f"Synthetic content: {added.resources} resources, {added.partners} partners, "
                f"{added.events} meetings added."
            )
