import copy
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from resources.linkcheck import BROKEN, OK, REDIRECTED, check_urls
from resources.models import LinkCheck, ResourcePage


class Command(BaseCommand):
    help = (
        "Open every resource's external link (HEAD, then GET when needed; redirects followed) "
        "and record the answer. Broken and redirected links are listed in the admin under "
        "Reports > Resource links to fix."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=10.0,
            help="Seconds to wait for each site before calling the link broken (default 10).",
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            default=8,
            help="How many links to check at the same time (default 8).",
        )

    def handle(self, *args, timeout, concurrency, **options):
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        if concurrency < 1:
            raise CommandError("--concurrency must be at least 1.")
        # Drafts too, so editors can fix a link before publishing. A resource with a document
        # sends visitors to the document, so its web address is not checked.
        pages = list(
            ResourcePage.objects.filter(document__isnull=True)
            .exclude(external_url="")
            .only("pk", "title", "external_url")
            .order_by("pk")
        )
        results = check_urls(
            [page.external_url for page in pages], timeout=timeout, concurrency=concurrency
        )
        now = timezone.now()
        checks = []
        for page in pages:
            check = copy.copy(results[page.external_url])
            check.page_id, check.checked_at = page.pk, now
            checks.append(check)
            if check.outcome != OK and options["verbosity"] > 1:
                self.stdout.write(
                    f"{check.outcome:10} {check.result:>5}  {check.url}  ({page.title})"
                )
        with transaction.atomic():
            LinkCheck.objects.all().delete()
            LinkCheck.objects.bulk_create(checks)

        outcomes = Counter(check.outcome for check in checks)
        broken, redirected = outcomes[BROKEN], outcomes[REDIRECTED]
        summary = (
            f"Checked {len(results)} addresses used by {len(pages)} resources: "
            f"{len(pages) - broken - redirected} work, {redirected} redirected, {broken} broken."
        )
        self.stdout.write(self.style.WARNING(summary) if broken else self.style.SUCCESS(summary))
