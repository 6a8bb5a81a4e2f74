"""The demo content's meetings: the January 2023 launch and the July 24, 2023 meeting as past
meetings with library materials, monthly meetings ahead of today, in English and Spanish.

Seeding takes a few seconds, so it runs once for the module inside a transaction rolled back
at the end."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

import icalendar
import pytest

from events.models import EventIndexPage, EventPage, MeetingSeries
from tests.helpers import visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def english_community():
    return EventIndexPage.objects.get(locale__language_code="en")


def test_the_launch_and_the_july_meeting_are_past_meetings_with_materials():
    events = EventPage.objects.child_of(english_community())
    launch = events.get(slug="peer-learning-community-launch")
    july = events.get(slug="peer-learning-meeting-2023-07-24")
    assert timezone.localtime(launch.start).date() == datetime.date(2023, 1, 23)
    assert timezone.localtime(july.start).date() == datetime.date(2023, 7, 24)
    assert launch.is_past and july.is_past
    assert july.material_links(), "the July meeting lists library materials"


def test_monthly_meetings_are_ahead_of_today():
    upcoming = list(english_community().events().upcoming())
    assert len(upcoming) >= 3
    months = {(event.local_start.year, event.local_start.month) for event in upcoming}
    assert len(months) == len(upcoming)


def test_the_monthly_meetings_are_the_dates_of_one_series():
    series = MeetingSeries.objects.get()
    assert (series.week_of_month, series.weekday) == (4, 0), "the fourth Monday"
    upcoming = list(english_community().events().upcoming())
    assert {event.series_id for event in upcoming} == {series.pk}
    for event in upcoming:
        assert event.local_start.weekday() == 0 and 22 <= event.local_start.day <= 28
        assert (event.local_start.hour, event.local_start.minute) == (14, 0)
        assert event.end - event.start == datetime.timedelta(minutes=90)


def test_seeding_a_database_with_one_off_meetings_adopts_them_into_the_series():
    """Databases seeded before the series existed hold the same dates as plain meetings."""
    community = english_community()
    upcoming = community.events().upcoming()
    one_offs = list(upcoming.values_list("pk", flat=True))
    EventPage.objects.filter(pk__in=one_offs).update(series=None, occurrence_date=None)
    MeetingSeries.objects.all().delete()
    before = EventPage.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert EventPage.objects.count() == before
    series = MeetingSeries.objects.get()
    assert set(EventPage.objects.filter(series=series).values_list("pk", flat=True)) == set(
        one_offs
    )


def test_the_seeded_past_meeting_page_lists_its_materials(client):
    july = EventPage.objects.get(
        slug="peer-learning-meeting-2023-07-24", locale__language_code="en"
    )
    response = client.get(july.url)
    assert response.status_code == 200
    # The demo meeting has two materials and neither recording nor slides.
    text = visible_text(response)
    assert "This event has ended. Its materials are listed below." in text
    assert "Recording" not in text and "slides" not in text


def test_the_seeded_feed_parses(client):
    community = english_community()
    response = client.get(community.url + community.reverse_subpage("calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) >= 3


def test_spanish_meetings_exist_and_seeding_again_adds_nothing():
    spanish = EventPage.objects.filter(locale__language_code="es")
    assert spanish.count() == EventPage.objects.filter(locale__language_code="en").count()
    before = EventPage.objects.count()
    output = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=output)
    assert EventPage.objects.count() == before
    assert "nothing to add" in output.getvalue()
