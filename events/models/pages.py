"""The Peer Learning Community's pages: a community page (`EventIndexPage`) listing its meetings
(`EventPage`), with calendar files and a subscribable calendar feed as sub-routes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import api as base_api
from care_site.base.blocks import BaseStreamBlock, LinkBlock
from care_site.base.locale import localize_pages
from care_site.base.models import (
    INLINE_RICH_TEXT,
    SIGNPOST_SEARCH_FIELDS,
    BasePage,
    content_search_fields,
)
from care_site.base.planner import shown_children
from care_site.base.view_restrictions import is_visible

from .. import api as event_api
from ..archive import archive
from ..calendar import FEED_PAST_DAYS, add_to_calendar_links, calendar_response, subscription_urls
from ..forms import EventPageForm
from ..listing import community_listing
from ..materials import materials_after_the_meeting, materials_heading
from ..month_view import month_calendar, month_is_shown
from ..structured_data import event_structured_data
from ..time_zones import (
    default_time_zone,
    validate_time_zone,
    zone_abbreviation,
    zone_or_default,
)

PAST_EVENTS_PER_PAGE = 10


class EventPageQuerySet(PageQuerySet):
    """Which events are still to come is a question of the clock: these filters take `now`
    so a listing, the landing page and the calendar feed all draw the line at the same place.
    An event is upcoming until it ends (a meeting in progress can still be joined)."""

    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now()).order_by("start", "path")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-path")


class EventIndexPage(RoutablePageMixin, BasePage):
    """The Peer Learning Community page: an introduction, how to register, its meetings (to
    come, then past ones by year), and a calendar feed people can subscribe to (`ical/`)."""

    search_start_page = True

    intro = RichTextField(
        blank=True,
        features=INLINE_RICH_TEXT,
        help_text=_("What the community is and who it is for."),
    )
    register_link = StreamField(
        [("link", LinkBlock())],
        max_num=1,
        blank=True,
        help_text=_("Where people register to be told about future meeting dates."),
    )
    register_text = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("A sentence inviting people to register, shown with the link."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "care_forms.FormPage"]
    max_count_per_parent = 1

    search_fields = SIGNPOST_SEARCH_FIELDS
    content_panels = [*BasePage.content_panels, "intro", "register_text", "register_link"]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("register_link"),
        TranslatableField("register_text"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("register_text"),
        APIField("register_link", serializer=base_api.SingleLink()),
        APIField("calendar_url", serializer=event_api.CalendarUrl(source="*")),
    ]

    class Meta:
        verbose_name = _("community page")

    def events(self):
        return shown_children(self, EventPage)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["month_view_url"] = self.url + self.reverse_subpage("this_month")
        events = self.events()
        scope = f"page-{self.pk}"
        past_archive = archive(events, request.GET, self.locale, cache_scope=scope)
        listing = community_listing(
            events,
            timezone.now(),
            request.GET,
            PAST_EVENTS_PER_PAGE,
            cache_scope=scope,
            past_within=past_archive.past_within,
        )
        context.update(listing, archive=past_archive)
        feed_url = self.get_full_url(request) + self.reverse_subpage("calendar")
        context["calendar_feed"] = subscription_urls(feed_url)
        return context

    def get_cached_paths(self):
        return ["/", "/ical/", "/calendar/"]

    @path("ical/", name="calendar")
    @method_decorator(require_safe)
    def calendar(self, request):
        """The subscribable feed: every upcoming meeting and those of the past year."""
        since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
        return calendar_response(list(self.events().upcoming(since)), request, community=self)

    @path("calendar/", name="this_month")
    @path("calendar/<int:year>/<int:month>/", name="month")
    @method_decorator(require_safe)
    def month(self, request, year=None, month=None):
        """The meetings of a month as a calendar table (this month without a year and month);
        a month outside the years shown is not found."""
        today = timezone.localdate()
        year, month = (year, month) if year is not None else (today.year, today.month)
        if not month_is_shown(year, month):
            raise Http404
        # The page's own context, without the listing of the community page.
        context = super().get_context(request)
        context.update(month_calendar(self.events(), year, month, today))
        for name in ("previous_month", "next_month"):
            ym = context[name]
            context[f"{name}_url"] = ym and self.url + self.reverse_subpage("month", args=ym)
        return TemplateResponse(request, "events/event_month.html", context)


class EventPage(RoutablePageMixin, BasePage):
    """One meeting of the Peer Learning Community, under the community page. Its `ical/`
    sub-route is the meeting as a calendar file."""

    # The content API's filter for meetings to come or past (`care_site/api/filters.py`).
    api_filter_parameters = frozenset({"when"})

    @classmethod
    def filter_for_api(cls, queryset, params, locale):
        if params["when"] not in event_api.WHEN_VALUES:
            raise ValueError("when must be 'upcoming' or 'past'")
        return queryset.upcoming() if params["when"] == "upcoming" else queryset.past()

    listing_select_related = ("locale", "image")
    depends_on_clock = True
    search_result_date = ("start", _("Meeting date"))
    search_result_kind = ("eventpage", _("Meeting"))

    class Format(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        NOW = "now", _("Happening now")
        PAST = "past", _("Past")

    start = models.DateTimeField(
        help_text=_("When it starts, as a clock shows it in the event's time zone.")
    )
    end = models.DateTimeField(help_text=_("When it ends, in the same time zone; after the start."))
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        error_messages={"blank": _("Choose the time zone the start and end times are in.")},
        help_text=_(
            "Where the event's clock is, e.g. America/New York. The start and end are times "
            "in this zone; visitors see them with the zone's abbreviation."
        ),
    )
    schedule_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=_("Goes up each time the start or end changes, so calendars update."),
    )
    format = models.CharField(
        max_length=20,
        choices=Format.choices,
        default=Format.VIRTUAL,
        help_text=_("Virtual, in person, or both."),
    )
    location = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("Address of the venue, for in-person and hybrid events."),
    )
    join_url = models.URLField(
        blank=True,
        verbose_name=_("join link"),
        help_text=_(
            "The video meeting link, for virtual and hybrid events. Hidden once the event is over."
        ),
    )
    registration_page = models.ForeignKey(
        "care_forms.FormPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registration form"),
        help_text=_("A form on this site where people sign up. Or give a web address below."),
    )
    registration_url = models.URLField(
        blank=True,
        verbose_name=_("registration link"),
        help_text=_("Where people sign up on another website, if not a form on this site."),
    )
    capacity_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. “Limited to 40 participants; register early.”"),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("What the meeting covers, speakers, and how to prepare."),
    )

    # Set on the pages a meeting series creates (`events/series.py`): the series and the
    # regular date of the series the page is for (even when that date was moved), which is how
    # generating again finds the dates it has made already. Not copied with the page, so a
    # copy or a translation never claims the date.
    series = models.ForeignKey(
        "events.MeetingSeries",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("The meeting series this date belongs to, if any."),
    )
    occurrence_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The regular date of the series this page is for."),
    )
    exclude_fields_in_copy = ["series", "occurrence_date"]

    objects = PageManager.from_queryset(EventPageQuerySet)()
    base_form_class = EventPageForm

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    # The meeting is the same in every language: its times, clock, format, links and materials
    # come from the source page; what is said about it is translated.
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone", overridable=False),
        SynchronizedField("format"),
        TranslatableField("location"),
        SynchronizedField("join_url"),
        SynchronizedField("registration_page"),
        SynchronizedField("registration_url"),
        TranslatableField("capacity_note"),
        TranslatableField("body"),
        SynchronizedField("materials"),
    ]

    search_fields = [*content_search_fields("body"), index.FilterField("start")]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldRowPanel(["start", "end"]), "time_zone"], heading=_("When")),
        MultiFieldPanel(
            [
                "format",
                "location",
                "join_url",
                "registration_page",
                "registration_url",
                "capacity_note",
            ],
            heading=_("Where and how to join"),
        ),
        "body",
        InlinePanel(
            "materials",
            label=_("Recording, slides or material"),
            heading=_("After the event"),
            help_text=_(
                "Resources from the library that came out of this meeting. They are listed "
                "on the event page, and each resource links back here."
            ),
        ),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("status", serializer=base_api.Text()),
        APIField("format"),
        APIField("location"),
        APIField("join_url", serializer=event_api.WhileOpen(lambda event: event.join_url)),
        APIField(
            "registration_url",
            serializer=event_api.WhileOpen(lambda event: event.registration_link()),
        ),
        APIField("capacity_note"),
        APIField("body", serializer=base_api.StreamBody()),
        APIField("materials", serializer=event_api.Materials(source="*")),
        APIField("calendar_url", serializer=event_api.CalendarUrl(source="*")),
    ]

    class Meta:
        verbose_name = _("event")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_date"], name="events_one_page_per_series_date"
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.location:
            errors["location"] = _("Give the address for an in-person event.")
        if self.registration_page_id and self.registration_url:
            errors["registration_url"] = _(
                "Give either a registration form on this site or a web address, not both."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Calendars replace an event they already hold only when its SEQUENCE grows (RFC
        5545), so each change of the start or end is counted. The stored row is the
        reference: a revision being published may carry an older count."""
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or {"start", "end"} & set(update_fields)):
            fields = ("start", "end", "schedule_sequence")
            stored = type(self).objects.filter(pk=self.pk).values_list(*fields).first()
            if stored is not None:
                start, end, sequence = stored
                self.schedule_sequence = max(self.schedule_sequence, sequence)
                if (start, end) != (self.start, self.end):
                    self.schedule_sequence += 1
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "schedule_sequence"}
        return super().save(*args, **kwargs)

    # The clock ------------------------------------------------------------------------------

    def get_status(self, now=None):
        now = now or timezone.now()
        if now < self.start:
            return self.Status.UPCOMING
        if now < self.end:
            return self.Status.NOW
        return self.Status.PAST

    @property
    def status(self):
        return self.get_status().value

    @property
    def is_past(self):
        return self.get_status() == self.Status.PAST

    @property
    def is_happening_now(self):
        return self.get_status() == self.Status.NOW

    @cached_property
    def zone(self):
        return zone_or_default(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def start_utc(self):
        """The start as an ISO 8601 UTC instant, for `<time datetime>`."""
        return self.start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def end_utc(self):
        return self.end.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def zone_label(self):
        """The zone's abbreviation at the start ("EDT"), or both when the clocks change
        during the event ("EDT/EST")."""
        start, end = zone_abbreviation(self.local_start), zone_abbreviation(self.local_end)
        return start if start == end else f"{start}/{end}"

    @property
    def ends_same_day(self):
        return self.local_start.date() == self.local_end.date()

    # Links ----------------------------------------------------------------------------------

    def registration_link(self):
        """Where to register: the form page (in this page's language when it has been
        translated), else the web address; nothing for a form page not everyone may see."""
        if self.registration_page_id:
            if not is_visible(self.registration_page):
                return ""
            return localize_pages([self.registration_page], self.locale_id)[0].url
        return self.registration_url

    def visible_materials(self):
        """The resources linked as materials that everyone may see, in the editor's order, each
        in this page's language when translated: (EventMaterial, resource) pairs."""
        materials = [
            material
            for material in self.materials.select_related("resource")
            if is_visible(material.resource)
        ]
        resources = localize_pages([m.resource for m in materials], self.locale_id)
        return list(zip(materials, resources, strict=True))

    def material_links(self, pairs=None):
        """(kind label, resource) pairs of `visible_materials` (or of `pairs`, read already)."""
        pairs = self.visible_materials() if pairs is None else pairs
        return [(material.get_kind_display(), resource) for material, resource in pairs]

    @cached_property
    def materials_shown(self):
        """The materials' links, and the heading and sentence that name only the kinds shown
        (read by the template, in the part kept in the content cache)."""
        pairs = self.visible_materials()
        kinds = [material.kind for material, _ in pairs]
        present = (
            kinds.count(EventMaterial.Kind.RECORDING),
            EventMaterial.Kind.SLIDES in kinds,
            EventMaterial.Kind.MATERIAL in kinds,
        )
        return {
            "materials": self.material_links(pairs),
            "materials_heading": materials_heading(*present),
            "materials_after_the_meeting": materials_after_the_meeting(*present),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = self.get_status()
        context["status"] = status.value
        if status != self.Status.PAST:
            context["registration_link"] = self.registration_link()
            context["calendar_links"] = add_to_calendar_links(self, request)
        context["structured_data"] = event_structured_data(self, request, status)
        return context

    def get_cached_paths(self):
        return ["/", "/ical/"]

    @path("ical/", name="calendar")
    @method_decorator(require_safe)
    def calendar(self, request):
        """This meeting as a calendar file (a download)."""
        return calendar_response([self], request, filename=f"{self.slug}.ics")


class EventMaterial(Orderable):
    """A resource from the library that belongs to a meeting: its recording, its slides, or
    other material. The resource shows the meeting it came from through the reverse relation
    (`events.templatetags.event_tags.events_for_resource`)."""

    class Kind(models.TextChoices):
        RECORDING = "recording", _("Recording")
        SLIDES = "slides", _("Slides")
        MATERIAL = "material", _("Material")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.MATERIAL,
        help_text=_("What this resource is for the meeting."),
    )
    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="event_materials",
        help_text=_("The resource in the library. Add it to the library first if needed."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("event material")


class CalendarIdentity(models.Model):
    """The domain after "@" in every meeting's calendar UID: the site's public host when the
    site was first migrated, kept for ever. Calendar apps recognise a meeting by its UID alone,
    so a UID that followed a later change of address would show every meeting twice."""

    uid_domain = models.CharField(
        max_length=253,
        editable=False,
        help_text=_("Set once, when the site is first set up; never changed afterwards."),
    )

    class Meta:
        verbose_name = _("calendar identity")

    def __str__(self):
        return self.uid_domain

    @classmethod
    def record(cls, using="default", **kwargs):
        """After `migrate` (post_migrate, apps.py): the first time, the public host becomes
        the UID domain; afterwards nothing changes, whatever CARE_PUBLIC_URL says."""
        from django.db import connections

        from care_site.base.public_address import public_address

        if cls._meta.db_table in connections[using].introspection.table_names():
            hostname = public_address().hostname
            cls.objects.using(using).get_or_create(pk=1, defaults={"uid_domain": hostname})


# Meeting series ---------------------------------------------------------------------------------
