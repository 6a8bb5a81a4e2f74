from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from wagtail.signals import page_published

        from resources.signals import localize_topics

        from .models import PartnerPage

        page_published.connect(localize_topics, sender=PartnerPage)
