import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from care_site.accounts.second_factor import forget_devices

logger = logging.getLogger("care_site.accounts")


class Command(BaseCommand):
    help = (
        "For a lost phone: deletes a person's authenticator app and recovery codes, and ends "
        "the second step of their open sessions. They set up a new app at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        count = forget_devices(user)
        logger.warning("Second factor reset for user %s by an operator", user.pk)
        self.stdout.write(
            f"Removed {count} second-step device(s) of {username}; "
            "they will set up an authenticator app at their next sign-in."
        )
