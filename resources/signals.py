"""wagtail-localize copies many-to-many fields from the source page as they are, so a Spanish
resource would keep the English topics. When a translated resource is published, point it at
the topics in its own language (where they have been translated)."""

from wagtail.signals import page_published

from .models import ResourcePage, Topic


def localize_topics(sender, instance, **kwargs):
    topics = list(instance.topics.all())
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
    instance.topics.set([translations.get(topic.translation_key, topic) for topic in topics])
    instance.save(update_fields=["topics"], clean=False)


def connect():
    page_published.connect(localize_topics, sender=ResourcePage)
