from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Peer Learning Community"

    def ready(self):
        from .models import CalendarIdentity

        post_migrate.connect(CalendarIdentity.record, sender=self)
