from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "care_site.base"
    label = "base"
    verbose_name = "Site foundations"

    def ready(self):
        from wagtail.signals import page_published

        from . import cache, embeds, view_restrictions

        view_restrictions.install()
        cache.connect_invalidation()
        page_published.connect(embeds.look_up_when_published)
