"""The dates a series makes are announced like any meeting, each at its time on the meeting's
clock across the daylight-saving change, in the email's words and in its calendar file."""

import datetime

import icalendar
import pytest

from events import announcements
from events.factories import MeetingSeriesFactory
from events.models import Subscriber
from events.series import generate
from tests.events.conftest import ny

pytestmark = pytest.mark.django_db


def calendar_event(message):
    [part] = [part for part in message.attachments if part.get_content_type() == "text/calendar"]
    [vevent] = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    return vevent


def test_each_date_of_a_series_is_announced_at_two_pm_new_york_time(
    community, mailoutbox, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email="ada@example.org", language="en", status=Subscriber.Status.CONFIRMED, token="t"
    )
    series = MeetingSeriesFactory(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        generate(series, now=ny(2027, 2, 1, 12))
    with django_capture_on_commit_callbacks(execute=True):
        while announcements.send_batch():
            pass
    assert len(mailoutbox) == 3
    starts = sorted(calendar_event(message).decoded("DTSTART") for message in mailoutbox)
    # February 22 is before the clocks go forward (March 14), March 22 and April 26 after.
    assert [(start.date(), start.time()) for start in starts] == [
        (datetime.date(2027, 2, 22), datetime.time(14, 0)),
        (datetime.date(2027, 3, 22), datetime.time(14, 0)),
        (datetime.date(2027, 4, 26), datetime.time(14, 0)),
    ]
    assert {str(start.tzinfo) for start in starts} == {"America/New_York"}
    for message in mailoutbox:
        assert "2:00" in message.body or "14:00" in message.body
