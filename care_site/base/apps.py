from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "care_site.base"
    label = "base"
    verbose_name = "Site foundations"

    def ready(self):
        from . import cache

        cache.connect_invalidation()
