from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "care_site.accounts"
    label = "accounts"
    verbose_name = "Staff sign-in"
