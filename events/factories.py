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


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    """The community's monthly meeting: the fourth Monday, 2–3:30 PM New York time. Pass
    `community` (the community page)."""

    title = "Peer Learning Community meeting"
    summary = "Practitioners share what works, and what does not, in advancing racial equity."
    frequency = models.MeetingSeries.Frequency.MONTHLY
    week_of_month = models.MeetingSeries.WeekOfMonth.FOURTH
    weekday = models.MeetingSeries.Weekday.MONDAY
    start_time = datetime.time(14, 0)
    end_time = datetime.time(15, 30)
    time_zone = "America/New_York"
    first_date = datetime.date(2027, 1, 1)
    months_ahead = 3
    join_url = "https://meet.example.org/care"

    class Meta:
        model = models.MeetingSeries


class MeetingSeriesExceptionFactory(factory.django.DjangoModelFactory):
    """A skipped date (or a moved one, with `moved_to` and/or `moved_start_time`)."""

    class Meta:
        model = models.MeetingSeriesException
