"""Models every app builds on: the abstract page every page type inherits, and the content
version the cache follows."""

from django import forms
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import api, embeds
from .locale import active_locale_id

SUMMARY_MAX_LENGTH = 300
# Cards and search results show titles in full: past this many characters they wrap onto a
# third line on a phone, and search engines cut them. Advice, not a limit: Wagtail's (255)
# is the only one enforced. The editor's character count counts toward it
# (templates/home/dashboard/character_count.html reads it from the title's input).
RECOMMENDED_TITLE_LENGTH = 70
INLINE_RICH_TEXT = ["bold", "italic", "link", "document-link"]


class BasePage(Page):
    """Fields every page shares: the summary and image used on cards, in search results and
    when the page is shared on social media."""

    # Facts about a page type that the rest of the site reads from it (docs/page-types.md).
    # Loaded with the page when it is served (`route_in_one_query`): what its template shows.
    serve_select_related = ("locale", "image")
    # Loaded with each page of an API listing: the relations its API fields read.
    listing_select_related = ("locale",)
    listing_prefetch_related = ()
    # Whether what it shows changes with the clock (an event's status, the next meeting).
    depends_on_clock = False
    # The date shown with it in search results: (field name, label), or None.
    search_result_date = None
    # What search results call it, in visitors' words, and the `?type=` of the filter that shows
    # only its kind (page types with the same key are filtered together).
    search_result_kind = ("page", _("Page"))
    # Offered as a place to start when a search finds nothing or a page is not found.
    search_start_page = False
    # Query parameters of the content API's pages listing that filter this type, applied by
    # its `filter_for_api(queryset, params, locale)` classmethod.
    api_filter_parameters = frozenset()

    summary = models.TextField(
        blank=True,
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_(
            "One or two plain sentences shown on cards, in search results and in link previews. "
            "Up to 300 characters."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared. Its alt text is used too."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    content_panels = [
        # Wagtail's title panel (slug sync, placeholder), its input marked with the length
        # the character count counts toward.
        TitleFieldPanel(
            "title",
            widget=forms.TextInput(
                attrs={"data-care-recommended-length": RECOMMENDED_TITLE_LENGTH}
            ),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
    ]

    # What wagtail-localize does with each field of a page (every page type lists its own
    # fields on top of these). Text is translated in the translation editor; dates, links,
    # images, choices and relations are copied from the source page on every sync. Once a model
    # lists its fields, wagtail-localize stops guessing, so a field missing here would never
    # reach a translation (tests/i18n/test_translatable_fields.py checks that none is missing).
    translatable_fields = [
        *map(TranslatableField, ["title", "slug", "seo_title", "search_description", "summary"]),
        SynchronizedField("show_in_menus"),
        SynchronizedField("image"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("image", serializer=api.Rendition("fill-1200x630")),
    ]

    class Meta:
        abstract = True

    def embed_urls(self):
        """The addresses of the videos this page shows: those in its stream fields. Their
        players are looked up when the page is published (`care_site.base.embeds`)."""
        return [
            url
            for field in self._meta.get_fields()
            if isinstance(field, StreamField)
            for url in embeds.urls_in(getattr(self, field.name))
        ]

    @classmethod
    def search_result_facts(cls):
        """What a search result of this type shows to help choose it, as expressions read with
        the page of results in one query (`search.results.page_details`): any of "kind" (shown
        after its name: "Resource · Report"), "publisher" and "resources" (how many it
        published)."""
        return {}

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def localized_draft(self):
        """Wagtail's, without its look-up of the active Locale when this page is already in the
        visitor's language (two queries on a resource page)."""
        if self.locale_id == active_locale_id():
            return self
        return super().localized_draft


# What the pages that lead to others (the landing page, index pages, forms) are searched by: their
# title only. Their introductions and summaries describe what they list, so matching those put
# the library's front page and the suggestion form above every resource about the words typed
# (docs/decisions.md, "Search relevance"). Visitors looking for them type their name.
SIGNPOST_SEARCH_FIELDS = [*Page.search_fields]

# The weight of the text of what visitors come for (resources, meetings) against that
# of pages about the site (standard pages, left at the default): a word in the body of a
# resource counts more than the same word in "About the Collaborative". A title (boost 2,
# Wagtail's) counts most.
CONTENT_BOOST = 1.5


def content_search_fields(*fields):
    """The search fields of a page type visitors come for: its title, and its summary and
    `fields` (field names, or `index.RelatedFields` whose fields set their own boost) at
    CONTENT_BOOST."""
    return [
        *Page.search_fields,
        *(
            field
            if isinstance(field, index.RelatedFields)
            else index.SearchField(field, boost=CONTENT_BOOST)
            for field in ("summary", *fields)
        ),
    ]


def start_page_types():
    """The page types offered as places to start (`search_start_page`)."""
    return [model for model in get_page_models() if getattr(model, "search_start_page", False)]


class ContentVersion(models.Model):
    """One row: a number that moves on, in the same transaction, whenever anything a visitor can
    see changes (`care_site.base.cache`). Kept in the database rather than in the cache store so
    that a change made while the store is down, or through another worker, still retires every
    cached copy made before it."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number}"

    @classmethod
    def move_on(cls):
        now = timezone.now()
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
            cls.objects.update_or_create(pk=1, defaults={"number": 1, "changed_at": now})


class ScheduledJob(models.Model):
    """When a periodic job (`CARE_SCHEDULE`) last ran. The scheduler claims a period by moving
    `period` forward in one conditional UPDATE, so however many scheduler processes run, each
    job runs once per period (`care_site.base.scheduler`)."""

    name = models.CharField(
        max_length=100, unique=True, help_text=_("The job's name in the CARE_SCHEDULE setting.")
    )
    period = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("The last period claimed: seconds since 1970 divided by the job's interval."),
    )
    started_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its last run started.")
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its last run ended, well or not.")
    )
    succeeded = models.BooleanField(
        null=True, blank=True, help_text=_("Whether its last run ended without an error.")
    )

    class Meta:
        verbose_name = "scheduled job"

    def __str__(self):
        return self.name
