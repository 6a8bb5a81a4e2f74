import datetime

from django.utils import timezone

import factory
import wagtail_factories

from . import models


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Peer Learning Community"
    slug = "peer-learning-community"
    intro = "<p>Connect with other public health practitioners.</p>"

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Peer learning meeting {n}")
    summary = factory.Faker("sentence")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=1))
    format = models.EventPage.Format.VIRTUAL
    join_url = "https://meet.example.org/care"

    class Meta:
        model = models.EventPage


class EventMaterialFactory(factory.django.DjangoModelFactory):
    """A library resource linked to a meeting; pass `page` and `resource`."""

    kind = models.EventMaterial.Kind.MATERIAL
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.EventMaterial
