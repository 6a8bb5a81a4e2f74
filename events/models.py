"""The Peer Learning Community: a community page listing its meetings (`EventPage`)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import BaseStreamBlock, LinkBlock
from home.models import INLINE_RICH_TEXT, BasePage

PAST_EVENTS_PER_PAGE = 10


class EventIndexPage(BasePage):
    """The Peer Learning Community page: an introduction, how to register, and its meetings."""

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

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("register_text"),
        FieldPanel("register_link"),
    ]
    api_fields = [*BasePage.api_fields, APIField("intro"), APIField("register_text")]

    class Meta:
        verbose_name = _("community page")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def upcoming_events(self):
        return self.events().filter(end__gte=timezone.now()).order_by("start")

    def past_events(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = self.upcoming_events()
        paginator = Paginator(self.past_events(), PAST_EVENTS_PER_PAGE)
        context["past_events"] = paginator.get_page(request.GET.get("page"))
        return context


class EventPage(BasePage):
    """One meeting of the Peer Learning Community."""

    class Format(models.TextChoices):
        VIRTUAL = "virtual", _("Virtual")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    start = models.DateTimeField(help_text=_("When the event starts."))
    end = models.DateTimeField(help_text=_("When the event ends; after the start."))
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
        help_text=_("The video meeting link, for virtual and hybrid events."),
    )
    registration_url = models.URLField(
        blank=True,
        verbose_name=_("registration link"),
        help_text=_("Where people sign up, if registration is needed."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("description"),
        help_text=_("What the meeting covers, speakers, and how to prepare."),
    )

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("location"),
                FieldPanel("join_url"),
                FieldPanel("registration_url"),
            ],
            heading=_("Where and how to join"),
        ),
        FieldPanel("body"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("location"),
        APIField("join_url"),
        APIField("registration_url"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.location:
            raise ValidationError({"location": _("Give the address for an in-person event.")})

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_happening_now(self):
        return self.start <= timezone.now() <= self.end
