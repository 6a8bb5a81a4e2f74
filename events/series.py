"""Meeting series: from the rule an editor defines once (`MeetingSeries`) to the dates it gives,
and to one event page per date under the community page.

- The rule is an RFC 5545 recurrence (`dateutil.rrule`) over *dates*; each date's start and
  end are the series' wall-clock times in its own zone, made into instants date by date. So a
  2 PM New York meeting is at 2 PM on the clock in winter and in summer (19:00 UTC, then
  18:00 UTC), which a rule over instants would get wrong after the clocks change.
- A page is keyed on (series, regular date): `EventPage.series` and `occurrence_date`,
  unique together in the database. Generating again finds the dates made already and never
  makes them twice, whatever happened to them since (a new title, a topic, speakers,
  materials, another time): what an editor wrote on a date's page is theirs.
- The only changes made to existing pages are the series' skipped and moved dates: a skipped
  date's page is unpublished; a moved date's page gets the new time when its time is still the
  series' regular time and it has no draft waiting (otherwise it is left for an editor, and
  reported)."""

import dataclasses
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.coreutils import find_available_slug

from dateutil import rrule
from dateutil.relativedelta import relativedelta

from .models import EventPage, MeetingSeries
from .time_zones import zone_or_default

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def recurrence(series):
    """The series' rule as a dateutil rrule over dates (midnight, no zone)."""
    weekday = WEEKDAYS[series.weekday]
    if series.frequency == MeetingSeries.Frequency.MONTHLY:
        frequency, weekday = rrule.MONTHLY, weekday(series.week_of_month or 1)
    else:
        frequency = rrule.WEEKLY
    # RFC 5545 forbids UNTIL with COUNT; the model refuses both, the last date wins here.
    until = datetime.datetime.combine(series.until, datetime.time()) if series.until else None
    return rrule.rrule(
        frequency,
        dtstart=datetime.datetime.combine(series.first_date, datetime.time()),
        interval=series.interval or 1,
        byweekday=weekday,
        until=until,
        count=None if until else series.count,
    )


def regular_dates(series, since, until):
    """The series' dates from `since` to `until` (dates, both included)."""
    after = datetime.datetime.combine(since, datetime.time())
    before = datetime.datetime.combine(until, datetime.time())
    return [moment.date() for moment in recurrence(series).between(after, before, inc=True)]


def instant(day, clock, zone):
    """The instant a clock in `zone` shows `clock` on `day`. A time skipped when the clocks go
    forward is read as RFC 5545 says (with the offset before the change: 2:30 becomes 3:30)."""
    # With fold=0 (the default) Python reads a skipped time with the offset before the change,
    # and a repeated one as the first of the two: both what RFC 5545 says.
    return datetime.datetime.combine(day, clock, tzinfo=zone).astimezone(datetime.UTC)


@dataclasses.dataclass(frozen=True)
class Meeting:
    """One date of a series: its regular date (the key), and when it happens (None: skipped)."""

    occurrence_date: datetime.date
    start: datetime.datetime | None
    end: datetime.datetime | None
    regular_start: datetime.datetime

    @property
    def skipped(self):
        return self.start is None


def meetings(series, since, until):
    """The series' meetings whose regular date is from `since` to `until`, with its skipped and
    moved dates applied."""
    zone = zone_or_default(series.time_zone)
    length = datetime.datetime.combine(
        datetime.date.min, series.end_time
    ) - datetime.datetime.combine(datetime.date.min, series.start_time)
    exceptions = {exception.date: exception for exception in series.exceptions.all()}
    result = []
    for day in regular_dates(series, since, until):
        regular_start = instant(day, series.start_time, zone)
        exception = exceptions.get(day)
        if exception and exception.is_skip:
            result.append(Meeting(day, None, None, regular_start))
            continue
        new_day = (exception and exception.moved_to) or day
        clock = (exception and exception.moved_start_time) or series.start_time
        start = instant(new_day, clock, zone)
        end = instant(new_day, (datetime.datetime.combine(new_day, clock) + length).time(), zone)
        if end <= start:  # a moved time late enough to end after midnight
            end = start + length
        result.append(Meeting(day, start, end, regular_start))
    return result


@dataclasses.dataclass
class GenerationReport:
    created: list = dataclasses.field(default_factory=list)
    cancelled: list = dataclasses.field(default_factory=list)
    moved: list = dataclasses.field(default_factory=list)
    left_for_editors: list = dataclasses.field(default_factory=list)


def horizon(series, now):
    """From today (on the series' clock) to `months_ahead` months later."""
    today = now.astimezone(zone_or_default(series.time_zone)).date()
    return today, today + relativedelta(months=series.months_ahead)


def generate(series, now=None):
    """Make the pages of the series' dates in its horizon that do not exist yet (published),
    and apply skipped and moved dates to those that do. Safe to run any number of times."""
    now = now or timezone.now()
    report = GenerationReport()
    with transaction.atomic():
        # One generator per series at a time: two at once would both see a date as missing.
        series = MeetingSeries.objects.select_for_update().get(pk=series.pk)
        since, until = horizon(series, now)
        existing = {
            page.occurrence_date: page
            for page in EventPage.objects.filter(series=series, occurrence_date__gte=since)
        }
        community = series.community
        for meeting in meetings(series, since, until):
            page = existing.get(meeting.occurrence_date)
            if page is None:
                if not meeting.skipped and create_page(series, community, meeting):
                    report.created.append(meeting.occurrence_date)
            elif meeting.skipped:
                if page.live:
                    page.unpublish(log_action=True)
                    report.cancelled.append(meeting.occurrence_date)
            elif page.start != meeting.start:
                if move_page(page, meeting):
                    report.moved.append(meeting.occurrence_date)
                elif page.start == meeting.regular_start:
                    report.left_for_editors.append(meeting.occurrence_date)
    return report


def create_page(series, community, meeting):
    """Add and publish the page of one date; False when it exists already (made meanwhile)."""
    slug = slugify(f"{series.title} {meeting.occurrence_date.isoformat()}")[:250]
    page = EventPage(
        title=series.title,
        slug=find_available_slug(community, slug),
        summary=series.summary,
        start=meeting.start,
        end=meeting.end,
        time_zone=series.time_zone,
        format=series.format,
        location=series.location,
        join_url=series.join_url,
        registration_url=series.registration_url,
        series=series,
        occurrence_date=meeting.occurrence_date,
    )
    try:
        with transaction.atomic():
            community.add_child(instance=page)
    except IntegrityError:
        return False
    page.save_revision(log_action=True).publish()
    return True


def move_page(page, meeting):
    """Give a moved date's page its new time, when the page still has the series' regular time
    (an editor has not set another) and no draft waits to be published (publishing it would
    put an editor's unfinished work live)."""
    if page.start != meeting.regular_start or page.has_unpublished_changes:
        return False
    page.start, page.end = meeting.start, meeting.end
    revision = page.save_revision(log_action=True)
    if page.live:
        revision.publish()
    return True


def generate_all(now=None):
    """Generate every series: {series: GenerationReport}."""
    return {series: generate(series, now) for series in MeetingSeries.objects.order_by("pk")}
