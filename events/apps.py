from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Peer Learning Community"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import announcements
        from .models import CalendarIdentity, EventPage

        post_migrate.connect(CalendarIdentity.record, sender=self)
        # Signals rather than admin hooks: scheduled publishing and expiry announce too.
        page_published.connect(announcements.on_published, sender=EventPage)
        page_unpublished.connect(announcements.on_unpublished, sender=EventPage)
