"""A meeting that repeats, defined once; `events/series.py` turns its dates into meeting pages."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..time_zones import (
    default_time_zone,
    validate_time_zone,
)
from .pages import EventIndexPage, EventPage


class MeetingSeries(ClusterableModel):
    """A meeting that repeats ("fourth Monday of every month, 2–3:30 PM New York time"),
    defined once. Each of its dates becomes an event page of its own under the community page
    (`events/series.py`), where the topic and speakers of that date are written."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Every month")
        WEEKLY = "weekly", _("Every week")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, _("First")
        SECOND = 2, _("Second")
        THIRD = 3, _("Third")
        FOURTH = 4, _("Fourth")
        LAST = -1, _("Last")

    class Weekday(models.IntegerChoices):
        # Python's and dateutil's numbering: Monday is 0.
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    community = models.ForeignKey(
        EventIndexPage,
        on_delete=models.CASCADE,
        related_name="meeting_series",
        verbose_name=_("community page"),
        help_text=_("The community page the meeting dates are listed on."),
    )
    title = models.CharField(
        max_length=255,
        help_text=_(
            "The name each date's page starts with, e.g. “Peer Learning Community meeting”. "
            "You can change a date's title on its own page."
        ),
    )
    summary = models.TextField(
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences given to each new date's page, which you can edit there."
        ),
    )
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.MONTHLY,
        help_text=_("Whether the meeting comes back every month or every week."),
    )
    interval = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        verbose_name=_("every how many"),
        help_text=_("1 for every month (or week), 2 for every other month (or week), and so on."),
    )
    week_of_month = models.SmallIntegerField(
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        verbose_name=_("which one in the month"),
        help_text=_(
            "For a monthly meeting: which of the month's days of that weekday, e.g. the "
            "fourth Monday. Leave empty for a weekly meeting."
        ),
    )
    weekday = models.SmallIntegerField(
        choices=Weekday.choices,
        help_text=_("The day of the week the meeting is on."),
    )
    start_time = models.TimeField(
        help_text=_("When it starts, as a clock shows it in the time zone below, e.g. 14:00.")
    )
    end_time = models.TimeField(
        help_text=_("When it ends, on the same day and in the same time zone, e.g. 15:30.")
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_(
            "Where the meeting's clock is, e.g. America/New York. The meeting stays at the same "
            "time on that clock when daylight saving time starts or ends."
        ),
    )
    first_date = models.DateField(
        help_text=_("The series starts on this date or the first meeting day after it.")
    )
    until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("last date"),
        help_text=_("Optional: no meeting after this date. Leave empty for a series with no end."),
    )
    count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("number of meetings"),
        help_text=_(
            "Optional: the series ends after this many meetings, counted from the first date "
            "(skipped dates count too)."
        ),
    )
    months_ahead = models.PositiveSmallIntegerField(
        default=3,
        verbose_name=_("months ahead"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_(
            "How many months ahead dates are put on the site. More dates are added as time "
            "goes by, every day."
        ),
    )
    format = models.CharField(
        max_length=20,
        choices=EventPage.Format.choices,
        default=EventPage.Format.VIRTUAL,
        help_text=_("Virtual, in person, or both: given to each new date's page."),
    )
    location = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("Address of the venue, for in-person and hybrid meetings."),
    )
    join_url = models.URLField(
        blank=True,
        verbose_name=_("join link"),
        help_text=_(
            "The video meeting link given to each new date's page, if it is always the same."
        ),
    )
    registration_url = models.URLField(
        blank=True,
        verbose_name=_("registration link"),
        help_text=_(
            "Where people sign up, given to each new date's page, if it is always the same."
        ),
    )

    panels = [
        "community",
        "title",
        "summary",
        MultiFieldPanel(
            [
                FieldRowPanel(["frequency", "interval"]),
                FieldRowPanel(["week_of_month", "weekday"]),
                FieldRowPanel(["start_time", "end_time"]),
                "time_zone",
            ],
            heading=_("When it repeats"),
        ),
        MultiFieldPanel(
            [FieldRowPanel(["first_date", "until", "count"]), "months_ahead"],
            heading=_("From when, until when"),
        ),
        MultiFieldPanel(
            ["format", "location", "join_url", "registration_url"],
            heading=_("Where and how to join"),
        ),
        InlinePanel(
            "exceptions",
            label=_("Skipped or moved date"),
            heading=_("Skipped or moved dates"),
            help_text=_(
                "A date the meeting does not happen, or happens at another time. If its page "
                "already exists, a skipped date's page is unpublished and a moved date's page "
                "gets the new time (unless its time was already changed on the page)."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.frequency == self.Frequency.MONTHLY and self.week_of_month is None:
            errors["week_of_month"] = _("Choose which one in the month, e.g. the fourth.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start, on the same day.")
        if self.until and self.first_date and self.until < self.first_date:
            errors["until"] = _("The last date must be after the first date.")
        if self.until and self.count:
            errors["count"] = _("Give a last date or a number of meetings, not both.")
        if self.format in (EventPage.Format.IN_PERSON, EventPage.Format.HYBRID) and not (
            self.location
        ):
            errors["location"] = _("Give the address for an in-person meeting.")
        if errors:
            raise ValidationError(errors)


class MeetingSeriesException(Orderable):
    """One date of a series that is skipped, or moved to another day or time."""

    series = ParentalKey(MeetingSeries, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(
        help_text=_("The regular date of the series this is about, e.g. the fourth Monday.")
    )
    moved_to = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("moved to date"),
        help_text=_("Leave empty to skip the date. Give a date (and time below) to move it."),
    )
    moved_start_time = models.TimeField(
        null=True,
        blank=True,
        verbose_name=_("moved to time"),
        help_text=_("The new start time, if it changes; the meeting keeps its length."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("skipped or moved date")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "date"], name="events_one_exception_per_series_date"
            )
        ]

    @property
    def is_skip(self):
        return self.moved_to is None and self.moved_start_time is None
