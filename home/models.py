"""The landing page, standard pages, the abstract `BasePage` every page inherits, and the
site-wide settings editors manage (footer, contact details)."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from .blocks import BaseStreamBlock, LinkBlock

SUMMARY_MAX_LENGTH = 300
INLINE_RICH_TEXT = ["bold", "italic", "link", "document-link"]


class BasePage(Page):
    """Fields every page shares: the summary and image used on cards, in search results and
    when the page is shared on social media."""

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

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("image")]

    api_fields = [
        APIField("summary"),
        APIField("image", serializer=ImageRenditionField("fill-1200x630")),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary


class HomePage(BasePage):
    """The landing page: one per language, at the root of each locale's tree. Each section of
    the CARE landing page is a group of fields so editors change words, not layout."""

    intro = RichTextField(
        features=INLINE_RICH_TEXT,
        help_text=_("The introduction under the page title: who the Collaborative is."),
    )

    community_heading = models.CharField(
        max_length=120, help_text=_("Heading of the Peer Learning Community section.")
    )
    community_text = RichTextField(
        features=INLINE_RICH_TEXT,
        help_text=_("Invitation to join the Peer Learning Community."),
    )
    community_page = models.ForeignKey(
        "events.EventIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The community page whose events give 'the next meeting'."),
    )
    register_link = StreamField(
        [("link", LinkBlock())],
        max_num=1,
        blank=True,
        help_text=_("Where people register to hear about meetings."),
    )
    next_meeting_intro = models.CharField(
        max_length=120,
        default="The next meeting is",
        help_text=_(
            "Words before the date of the next meeting, which the site fills in from the "
            "community page's events."
        ),
    )
    no_meeting_text = models.CharField(
        max_length=200,
        default="New meeting dates will be announced soon.",
        help_text=_("Shown instead of the next meeting when none is scheduled."),
    )

    featured_heading = models.CharField(max_length=120, default="Featured Resources")

    suggest_heading = models.CharField(max_length=120)
    suggest_text = RichTextField(features=INLINE_RICH_TEXT)
    suggest_link = StreamField(
        [("link", LinkBlock())],
        max_num=1,
        blank=True,
        help_text=_("The button to the 'Suggest a resource' form."),
    )

    feature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The large photo between sections. Its alt text describes it."),
    )

    partners_heading = models.CharField(max_length=120)
    partners_text = RichTextField(features=INLINE_RICH_TEXT)
    partners_page = models.ForeignKey(
        "partners.PartnerIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The partner directory; its partners are shown as logos."),
    )
    partners_link_label = models.CharField(
        max_length=80, default="Meet our partners", help_text=_("Text of the link to partners.")
    )

    connect_heading = models.CharField(max_length=120)
    connect_text = RichTextField(features=INLINE_RICH_TEXT)
    connect_link = StreamField(
        [("link", LinkBlock())],
        max_num=1,
        blank=True,
        help_text=_("The button to the 'Connect with us' form."),
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("community_heading"),
                FieldPanel("community_text"),
                FieldPanel("register_link"),
                FieldPanel("community_page"),
                FieldPanel("next_meeting_intro"),
                FieldPanel("no_meeting_text"),
            ],
            heading=_("Peer Learning Community"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                InlinePanel("featured_resources", label=_("Featured resource"), min_num=0),
            ],
            heading=_("Featured resources"),
        ),
        MultiFieldPanel(
            [FieldPanel("suggest_heading"), FieldPanel("suggest_text"), FieldPanel("suggest_link")],
            heading=_("Suggest resources"),
        ),
        FieldPanel("feature_image"),
        MultiFieldPanel(
            [
                FieldPanel("partners_heading"),
                FieldPanel("partners_text"),
                FieldPanel("partners_page"),
                FieldPanel("partners_link_label"),
            ],
            heading=_("Collaborative partners"),
        ),
        MultiFieldPanel(
            [FieldPanel("connect_heading"), FieldPanel("connect_text"), FieldPanel("connect_link")],
            heading=_("Connect with us"),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("summary"), FieldPanel("image")]

    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("community_heading"),
        APIField("community_text"),
        APIField("register_link"),
        APIField("next_meeting_intro"),
        APIField("no_meeting_text"),
        APIField("featured_heading"),
        APIField("suggest_heading"),
        APIField("suggest_text"),
        APIField("suggest_link"),
        APIField("feature_image", serializer=ImageRenditionField("width-1200")),
        APIField("partners_heading"),
        APIField("partners_text"),
        APIField("partners_link_label"),
        APIField("connect_heading"),
        APIField("connect_text"),
        APIField("connect_link"),
    ]

    class Meta:
        verbose_name = _("landing page")

    @cached_property
    def next_meeting(self):
        """The soonest upcoming event of the community page (one that has not ended yet, as
        the community page lists them): in this page's language, or in the site's main
        language when it has not been translated; None when none is scheduled."""
        from events.models import EventIndexPage, EventPage

        communities = EventIndexPage.objects.all()
        if self.community_page_id:
            communities = communities.filter(translation_key=self.community_page.translation_key)
        languages = {self.locale_id, Locale.get_default().pk}
        soonest = (
            EventPage.objects.live()
            .public()
            .filter(locale_id__in=languages)
            .filter(below_any(communities.values_list("path", flat=True)))
            .upcoming()
            .first()
        )
        return localize_pages([soonest], self.locale_id)[0] if soonest else None

    @cached_property
    def featured_resource_pages(self):
        """The editor's picks, in the editor's order, live ones only, in this page's language
        where a translation exists."""
        from resources.models import ResourcePage

        picks = list(self.featured_resources.values_list("resource_id", flat=True))
        related = ("resource_type", "publisher_page", "image")
        pages = ResourcePage.objects.live().public().filter(id__in=picks).select_related(*related)
        by_id = {page.id: page for page in pages}
        ordered = [by_id[pk] for pk in picks if pk in by_id]
        return localize_pages(ordered, self.locale_id, select_related=related)

    @cached_property
    def partner_pages(self):
        if not self.partners_page_id:
            return []
        return list(localize_pages([self.partners_page], self.locale_id)[0].partners())


def below_any(paths):
    """A filter for pages in the subtree of any of the pages at `paths`."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def localize_pages(pages, locale_id, select_related=()):
    """Each page replaced by its live translation in `locale_id` when there is one, keeping the
    order, in one query. Pages written in that language are returned as they are."""
    if not pages:
        return []
    model = type(pages[0])
    keys = [page.translation_key for page in pages if page.locale_id != locale_id]
    translations = {}
    if keys:
        queryset = (
            model.objects.live().public().filter(translation_key__in=keys, locale_id=locale_id)
        )
        if select_related:
            queryset = queryset.select_related(*select_related)
        translations = {page.translation_key: page for page in queryset}
    return [translations.get(page.translation_key, page) for page in pages]


class HomePageFeaturedResource(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_resources")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A resource from the library to feature on the landing page."),
    )

    panels = [FieldPanel("resource")]


class StandardPage(BasePage):
    """A plain content page such as About or Privacy, built from the block library."""

    body = StreamField(BaseStreamBlock(), help_text=_("The page content, built from blocks."))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer and contact details shown on every page."""

    contact_email = models.EmailField(
        blank=True, help_text=_("Shown in the footer for people who want to write to CARE.")
    )
    footer_text = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("A short line about the Collaborative shown in the footer."),
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("Links in the footer, such as About and Privacy."),
    )

    panels = [FieldPanel("contact_email"), FieldPanel("footer_text"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("site settings")
