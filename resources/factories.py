import datetime

from django.utils.text import slugify

import factory
import wagtail_factories

from . import models


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))

    class Meta:
        model = models.Topic
        django_get_or_create = ("slug",)


class ResourceTypeFactory(TopicFactory):  # the same slug and look-up
    name = factory.Sequence(lambda n: f"Type {n}")

    class Meta:
        model = models.ResourceType


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"
    intro = "<p>Resources to inform your work.</p>"

    class Meta:
        model = models.ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = factory.Faker("sentence", nb_words=14)
    external_url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")
    publisher_name = "Example Publisher"
    publication_date = factory.Sequence(
        lambda n: datetime.date(2023, 1, 1) - datetime.timedelta(days=7 * n)
    )
    resource_type = factory.SubFactory(ResourceTypeFactory, name="Report")

    class Meta:
        model = models.ResourcePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save_revision().publish()
