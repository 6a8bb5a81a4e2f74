from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site foundations"

    def ready(self):
        from care_site import page_cache

        from . import content_cache

        page_cache.connect_invalidation()
        content_cache.connect_invalidation()
