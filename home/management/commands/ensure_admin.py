import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULT_USERNAME = "care-editor"


class Command(BaseCommand):
    help = (
        "Make sure a Wagtail admin login exists and say how to sign in. Uses "
        "DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD / DJANGO_SUPERUSER_EMAIL when set; "
        "otherwise creates one account with a generated password, printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give the account a new generated password and print it.",
        )
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, reset_password, url, **options):
        User = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or DEFAULT_USERNAME
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")

        user = User.objects.filter(username=username).first()
        if user is None and not os.environ.get("DJANGO_SUPERUSER_USERNAME"):
            existing = User.objects.filter(is_superuser=True).order_by("pk").first()
            if existing:
                user, username = existing, existing.username

        if user is None:
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
        else:
            if not password or user.check_password(password):
                if not reset_password:
                    self.stdout.write(
                        f"Sign in at {url} as '{username}' with the password printed when the "
                        "account was created (or set by DJANGO_SUPERUSER_PASSWORD). Forgotten "
                        "it? Run `make admin-password`."
                    )
                    return
                password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Sign in at {url}\n  username: {username}\n  password: {password}\n"
                "(This password is shown once; `make admin-password` makes a new one.)"
            )
        )
