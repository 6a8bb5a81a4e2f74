"""Time zones of events: which zones editors may pick, and how a wall-clock time typed in the
admin becomes an instant.

An event's times are stored as instants (aware datetimes, UTC in the database) so listing,
ordering and "has it started?" are plain database comparisons across zones. Editors type the
time a clock shows where the event happens; the admin form (`events/forms.py`) turns that
wall-clock time into an instant in the event's own zone with `wall_clock_to_instant`."""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def default_time_zone():
    return settings.TIME_ZONE


@functools.cache
def time_zone_choices():
    """{name: label} of the zones editors may pick, in order."""
    # tzdata's "posixrules", "localtime" and friends are not places anyone picks.
    names = sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")
    return {name: name.replace("_", " ") for name in names}


def validate_time_zone(value):
    if value not in time_zone_choices():
        raise ValidationError(
            _("“%(value)s” is not a time zone this site knows. Choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )


def zone_or_default(name):
    """The ZoneInfo for `name`, or the site's zone when `name` is empty or unknown (an event
    saved before it had a zone, or one whose zone tzdata has since dropped)."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class NonexistentTime(ValueError):
    """The wall-clock time is skipped in that zone (clocks jump forward)."""


def wall_clock_to_instant(naive, zone):
    """The instant at which a clock in `zone` shows `naive`.

    A time skipped when clocks go forward has no instant: NonexistentTime. A time that happens
    twice when clocks go back is read as the first of the two (`fold=0`, still summer time),
    which is what people mean by "1:30 on the night the clocks change" more often than not."""
    aware = naive.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise NonexistentTime(naive)
    # In UTC: Python never finds an aware time in a repeated hour equal to one in another
    # zone (PEP 495), which would make comparisons with it surprising.
    return aware.astimezone(datetime.UTC)


def zone_abbreviation(moment):
    """The abbreviation of the zone at `moment` ("EDT", "BST"); tzdata has none for many
    zones and gives a bare offset ("-03"), which reads better as "UTC−03"."""
    name = moment.tzname() or ""
    if name[:1] in "+-" and name[1:].replace(":", "").isdigit():
        return "UTC" + name.replace("-", "\u2212")
    return name
