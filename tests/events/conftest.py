"""Helpers for the event tests: moments in named zones, and an event built in one call."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from events.factories import EventPageFactory

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def ny(year, month, day, hour=13, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def make_event(parent, start, minutes=90, **fields):
    return EventPageFactory(
        parent=parent,
        start=start,
        end=start + datetime.timedelta(minutes=minutes),
        **fields,
    )


@pytest.fixture
def community(home_page, event_index):
    """The community page, chosen on the landing page (whose next meeting comes from it)."""
    home_page.community_page = event_index
    home_page.save()
    return event_index
