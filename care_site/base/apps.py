from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "care_site.base"
    label = "base"
    verbose_name = "Site foundations"

    def ready(self):
        from django.db.models.signals import post_migrate

        from wagtail.signals import page_published

        # `checks` registers the deployment check it holds.
        from . import (  # noqa: F401
            cache,
            checks,
            embeds,
            menu_index,
            responsive_images,
            sites,
            view_restrictions,
        )

        # Before the cache's own post_migrate receiver, which then retires every page cached
        # with the old address.
        post_migrate.connect(sites.apply_public_address, sender=self)
        post_migrate.connect(menu_index.ensure_menu_index, sender=self)
        view_restrictions.install()
        responsive_images.install()
        cache.connect_invalidation()
        page_published.connect(embeds.look_up_when_published)
