from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource library"

    def ready(self):
        from . import signals  # noqa: F401 (connects its receivers)
