"""A month of the community's meetings as a calendar table (the community page's
`calendar/<year>/<month>/` sub-route): weeks as rows, days as columns starting on the day the
visitor's language starts the week with (Sunday in English, Monday in Spanish), each meeting on
the day it happens on its own clock."""

import calendar
import dataclasses
import datetime

from django.utils import formats
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

# The months a visitor may ask for; anything else is not found. Wide enough for any archive or
# plan, narrow enough that the previous and next months always exist.
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclasses.dataclass
class Day:
    date: datetime.date | None  # None: a cell of the previous or next month
    meetings: list
    is_today: bool = False


def month_is_shown(year, month):
    return FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12


def neighbour_month(year, month, step):
    """(year, month) `step` months away, or None outside the months shown."""
    index = year * 12 + (month - 1) + step
    year, month = divmod(index, 12)
    return (year, month + 1) if month_is_shown(year, month + 1) else None


def month_calendar(events, year, month, today):
    """The context of the month view: `weeks` (lists of seven `Day`), `weekdays` (full and
    short names, in the week's order), `month_start`, `previous`/`next` ((year, month) or None).

    `events` is the community's visible meetings; one query, for those that could fall in the
    month in some zone (a day either side), then each is put on its own local date."""
    first_weekday = (formats.get_format("FIRST_DAY_OF_WEEK") - 1) % 7  # Django: 0 is Sunday
    month_start = datetime.date(year, month, 1)
    days_in_month = calendar.monthrange(year, month)[1]
    month_end = month_start + datetime.timedelta(days=days_in_month)
    window = (
        datetime.datetime.combine(month_start - datetime.timedelta(days=1), datetime.time()),
        datetime.datetime.combine(month_end + datetime.timedelta(days=1), datetime.time()),
    )
    on_day = {}
    candidates = events.filter(
        start__gte=window[0].replace(tzinfo=datetime.UTC),
        start__lt=window[1].replace(tzinfo=datetime.UTC),
    ).order_by("start", "path")
    for event in candidates:
        local_day = event.local_start.date()
        on_day.setdefault(local_day, []).append(event)
    weeks = [
        [
            Day(day, on_day.get(day, []), day == today) if day.month == month else Day(None, [])
            for day in week
        ]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]
    order = [(first_weekday + offset) % 7 for offset in range(7)]
    return {
        "weeks": weeks,
        "weekdays": [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in order],
        "month_start": month_start,
        "previous_month": neighbour_month(year, month, -1),
        "next_month": neighbour_month(year, month, 1),
        "meeting_count": sum(len(day.meetings) for week in weeks for day in week),
    }
