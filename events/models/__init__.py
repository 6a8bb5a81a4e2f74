"""The Peer Learning Community's models: its pages, its meeting series, and the mailing list
that announces its meetings."""

from .mailing import Announcement, Delivery, Subscriber
from .meeting_series import MeetingSeries, MeetingSeriesException
from .pages import (
    PAST_EVENTS_PER_PAGE,
    CalendarIdentity,
    EventIndexPage,
    EventMaterial,
    EventPage,
    EventPageQuerySet,
)

__all__ = [
    "PAST_EVENTS_PER_PAGE",
    "Announcement",
    "CalendarIdentity",
    "Delivery",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventPageQuerySet",
    "MeetingSeries",
    "MeetingSeriesException",
    "Subscriber",
]
