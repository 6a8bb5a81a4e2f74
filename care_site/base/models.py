"""Models every app builds on."""

from django.db import models
from django.db.models import F
from django.utils import timezone


class ContentVersion(models.Model):
    """One row: a number that moves on, in the same transaction, whenever anything a visitor can
    see changes (`care_site.base.cache`). Kept in the database rather than in the cache store so
    that a change made while the store is down, or through another worker, still retires every
    cached copy made before it."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number}"

    @classmethod
    def move_on(cls):
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
            cls.objects.update_or_create(pk=1, defaults={"number": 1, "changed_at": now})
