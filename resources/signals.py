"""wagtail-localize copies many-to-many fields from the source page as they are, so a Spanish
resource would keep the English topics (and a Spanish partner its English focus areas). When a
translated page is published, point it at the topics in its own language (where they have been
translated). A page type names its topic field in `topics_field`."""

from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published

from .models import ResourcePage, Topic


@receiver(page_published)
def localize_topics(sender, instance, **kwargs):
    field = getattr(sender, "topics_field", None)
    if field is None:
        return
    topics = list(getattr(instance, field).all())
    foreign = [topic for topic in topics if topic.locale_id != instance.locale_id]
    if not foreign:
        return
    translations = {
        topic.translation_key: topic
        for topic in Topic.objects.filter(
            locale_id=instance.locale_id,
            translation_key__in=[topic.translation_key for topic in foreign],
        )
    }
    getattr(instance, field).set([translations.get(t.translation_key, t) for t in topics])
    instance.save(update_fields=[field], clean=False)


@receiver(page_published, sender=ResourcePage)
def reindex(sender, instance, **kwargs):
    """Index a published resource again now that its topics are saved. Wagtail indexes on
    post_save, which a page with many-to-many fields sends before writing them, so the first
    publish would leave the topics out of the library's keyword search."""
    index.insert_or_update_object(instance)
