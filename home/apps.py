from django.apps import AppConfig
from django.db.models.signals import post_save


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Landing and standard pages"

    def ready(self):
        from home.roles import open_new_language_to_translators

        post_save.connect(open_new_language_to_translators, sender="home.HomePage")
