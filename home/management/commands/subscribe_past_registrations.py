"""People who registered for the Peer Learning Community before registering was a
subscription never confirmed, so they receive no announcement. This finds their addresses in
the registration forms' submissions and, only with --send (after staff have looked at the
counts), makes each a pending subscriber and emails it one confirmation link, in the language
it registered in. Without --send it only counts. Running it again asks nobody twice: an
address that has a subscriber already, in any status, is left alone (docs/decisions.md)."""

from collections import Counter

from django.core.management.base import BaseCommand

from wagtail.models import Locale

from events.models import Subscriber
from events.subscribers import invite, normalised
from events.subscription_emails import queue_confirmation
from forms.models import FormPage, Submission


def past_registrations():
    """{address in lower case: language of its latest registration}, from every form that
    subscribes people, in every language; spam and answers that are no address left out."""
    pages = FormPage.objects.filter(subscribes_to_meetings=True).specific()
    email_fields = {}
    for page in pages:
        names = [f.clean_name for f in page.get_form_fields() if f.field_type == "email"]
        if names:
            email_fields[page.pk] = names[0]
    found = {}
    default_language = Locale.get_default().language_code
    submissions = (
        Submission.objects.filter(page_id__in=email_fields)
        .exclude(status=Submission.Status.SPAM)
        .order_by("submit_time", "pk")
    )
    for submission in submissions.iterator():
        address = normalised(submission.form_data.get(email_fields[submission.page_id]))
        if address is not None:
            found[address] = submission.language or default_language
    return found


class Command(BaseCommand):
    help = (
        "Ask people who registered for the Peer Learning Community before registering was a "
        "subscription to confirm (counts only, unless --send)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--send",
            action="store_true",
            help="Create the pending subscribers and send each one confirmation email.",
        )

    def handle(self, *args, send, **options):
        found = past_registrations()
        known = set(
            Subscriber.objects.filter(email__in=list(found)).values_list("email", flat=True)
        )
        new = {address: language for address, language in found.items() if address not in known}
        self.stdout.write(
            f"{len(found)} address(es) registered; {len(known)} already have a subscription; "
            f"{len(new)} to ask."
        )
        for language, count in sorted(Counter(new.values()).items()):
            self.stdout.write(f"  {language}: {count}")
        if not send:
            self.stdout.write("Dry run: nothing created, nothing sent. Add --send to ask them.")
            return
        asked = 0
        for address, language in new.items():
            # `invite` commits on its own; the email is queued once it has.
            subscriber = invite(address, language)
            if subscriber is not None:
                queue_confirmation(subscriber)
                asked += 1
        self.stdout.write(f"Asked {asked} address(es) to confirm.")
