"""The landing page, standard pages, the abstract `BasePage` every page inherits, and the
site-wide settings editors manage (footer, contact details)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Locale,
    Orderable,
    Page,
    PageManager,
    PageViewRestriction,
    TranslatableMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import cache

from . import api
from .blocks import BaseStreamBlock, LinkBlock

SUMMARY_MAX_LENGTH = 300
INLINE_RICH_TEXT = ["bold", "italic", "link", "document-link"]

# What wagtail-localize does with each field of a page (every page type lists its own fields on
# top of these). Text is translated in the translation editor; dates, links, images, choices and
# relations are copied from the source page on every sync. Once a model lists its fields,
# wagtail-localize stops guessing, so a field missing here would never reach a translation
# (tests/i18n/test_translatable_fields.py checks that none is missing).
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


def active_locale_id():
    """The id of the active language's Locale, from the cache (Wagtail's `Locale.get_active()`
    asks the database each time)."""
    return locale_id_for(translation.get_language())


def locale_id_for(language_code):
    """The id of the Locale of `language_code` (or None), from the cache."""
    try:
        language = get_supported_content_language_variant(language_code)
    except LookupError:
        return None
    ids = cache.cached(
        lambda: dict(Locale.objects.values_list("language_code", "pk")), cache.key("locale-ids")
    )
    return ids.get(language)


class CarePageQuerySet(PageQuerySet):
    """Wagtail's page queryset with `public()` answered inside the listing's own SQL (Wagtail
    reads every view restriction first: one more query per listing)."""

    def private_q(self):
        restricted_ancestor = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return Q(Exists(restricted_ancestor))


CarePageManager = PageManager.from_queryset(CarePageQuerySet)


class BasePage(Page):
    """Fields every page shares: the summary and image used on cards, in search results and
    when the page is shared on social media."""

    objects = CarePageManager()
    # Loaded with the page when it is served (see route_in_one_query): what its template shows.
    serve_select_related = ("locale", "image")

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

    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("summary"),
        SynchronizedField("image"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("image", serializer=api.Rendition("fill-1200x630")),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def localized_draft(self):
        # A page already in the visitor's language is its own translation: no lookup needed.
        if self.locale_id == active_locale_id():
            return self
        return super().localized_draft

    def get_view_restrictions(self):
        """Wagtail's rule (this page's and its ancestors' restrictions, an alias using its
        source's) in one query instead of two: the ancestors' paths are known from this one's.
        None at all when routing found the whole way public (`route_in_one_query`)."""
        if getattr(self, "_public_section", False):
            return PageViewRestriction.objects.none()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        own = Q(page__path__in=paths, page__alias_of__isnull=True)
        return PageViewRestriction.objects.filter(own | Q(page__aliases__path__in=paths)).distinct()


class HomePage(BasePage):
    """The landing page: one per language, at the root of each locale's tree. Each section of
    the CARE landing page is a group of fields so editors change words, not layout."""

    serve_select_related = (*BasePage.serve_select_related, "feature_image", "partners_page")

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

    featured_heading = models.CharField(
        max_length=120,
        default="Featured Resources",
        help_text=_("Heading above the resources you feature below."),
    )

    suggest_heading = models.CharField(
        max_length=120, help_text=_("Heading of the section inviting people to suggest resources.")
    )
    suggest_text = RichTextField(
        features=INLINE_RICH_TEXT,
        help_text=_("What kind of resources to suggest, in a sentence or two."),
    )
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

    partners_heading = models.CharField(
        max_length=120, help_text=_("Heading of the section about the Collaborative's partners.")
    )
    partners_text = RichTextField(
        features=INLINE_RICH_TEXT, help_text=_("A sentence introducing the partners.")
    )
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

    connect_heading = models.CharField(
        max_length=120,
        help_text=_("Heading of the closing section inviting people to get in touch."),
    )
    connect_text = RichTextField(
        features=INLINE_RICH_TEXT, help_text=_("Why and how to contact the Collaborative.")
    )
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

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("community_heading"),
        TranslatableField("community_text"),
        SynchronizedField("community_page"),
        TranslatableField("register_link"),
        TranslatableField("next_meeting_intro"),
        TranslatableField("no_meeting_text"),
        TranslatableField("featured_heading"),
        SynchronizedField("featured_resources"),
        TranslatableField("suggest_heading"),
        TranslatableField("suggest_text"),
        TranslatableField("suggest_link"),
        SynchronizedField("feature_image"),
        TranslatableField("partners_heading"),
        TranslatableField("partners_text"),
        SynchronizedField("partners_page"),
        TranslatableField("partners_link_label"),
        TranslatableField("connect_heading"),
        TranslatableField("connect_text"),
        TranslatableField("connect_link"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("community_heading"),
        APIField("community_text"),
        APIField("register_link", serializer=api.SingleLink()),
        APIField("community_page", serializer=api.PageLink()),
        APIField("next_meeting_intro"),
        APIField("next_meeting", serializer=api.NextMeeting()),
        APIField("no_meeting_text"),
        APIField("featured_heading"),
        APIField("featured_resources", serializer=api.Cards(source="featured_resource_pages")),
        APIField("suggest_heading"),
        APIField("suggest_text"),
        APIField("suggest_link", serializer=api.SingleLink()),
        APIField("feature_image", serializer=api.Rendition("width-1200")),
        APIField("partners_heading"),
        APIField("partners_text"),
        APIField("partners_page", serializer=api.PageLink()),
        APIField("partners", serializer=api.Cards(source="partner_pages")),
        APIField("partners_link_label"),
        APIField("connect_heading"),
        APIField("connect_text"),
        APIField("connect_link", serializer=api.SingleLink()),
    ]

    class Meta:
        verbose_name = _("landing page")

    def route(self, request, path_components):
        """Every page under the landing page is found with one query for the pages the path
        names (Wagtail asks two per level); see `route_in_one_query`. A path this language's
        tree does not have is looked for in the default language's (`route_untranslated`)."""
        try:
            if not path_components:
                return super().route(request, path_components)
            return route_in_one_query(self, request, path_components)
        except Http404:
            return route_untranslated(self, request, path_components)

    @cached_property
    def next_meeting(self):
        """The soonest upcoming event of the community page (one that has not ended yet, as
        the community page lists them): in this page's language, or in the site's main
        language when it has not been translated; None when none is scheduled."""
        from events.models import EventIndexPage, EventPage

        # Any community page (or the chosen one in any language) whose subtree holds the event.
        communities = EventIndexPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length("path"))
        )
        if self.community_page_id:
            chosen = Page.objects.filter(pk=self.community_page_id).values("translation_key")
            communities = communities.filter(translation_key__in=chosen)
        languages = {self.locale_id, locale_id_for(settings.LANGUAGE_CODE)}
        upcoming = (
            EventPage.objects.live()
            .public()
            .filter(locale_id__in=languages)
            .filter(Exists(communities))
            .upcoming()
        )
        # Kept until content changes or the meeting ends, whichever comes first.
        soonest = cache.cached(
            upcoming.first,
            cache.key("next-meeting", self.pk, self.community_page_id),
            fresh=lambda event: event is None or event.end > timezone.now(),
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


def route_untranslated(home, request, components):
    """A page not translated into this landing page's language yet is shown in the default
    language at this language's address (/es/about/ shows the English About page), so a
    visitor following a link never meets a 404; base.html tells them, in their language, that
    the page is not translated. Anything the default language does not have either is a 404."""
    default = Locale.get_default()
    if not components or home.locale_id == default.pk:
        raise Http404
    homes = HomePage.objects.live().filter(translation_key=home.translation_key)
    source = homes.filter(locale=default).first()
    if source is None:
        raise Http404
    found = source.route(request, components)
    # Read by base.html (the notice, the content's lang) and the language links.
    request.untranslated_language = default.language_code
    return found


def route_in_one_query(root, request, components):
    """Wagtail's routing from `root` with the pages along the path fetched together. The walk
    stops, handing the rest of the path to the page's own `route()` as Wagtail would, at a
    page whose routes (RoutablePageMixin) answer the rest, or whose class routes its own way."""
    from django.urls import Resolver404

    from wagtail.contrib.routable_page.models import RoutablePageMixin

    # Looked up by depth and slug (both indexed; `url_path` is not), then checked to be a chain.
    levels = Q(pk__in=[])
    for level, slug in enumerate(components, start=1):
        levels |= Q(depth=root.depth + level, slug=slug)
    below = Q(path__startswith=root.path) & levels
    step = root.steplen
    above = Q(path__in=[root.path[:end] for end in range(step, len(root.path) + 1, step)])
    # Whether any page on the way is restricted comes with it, so serving a page of a public
    # section needs no separate look-up of view restrictions.
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page_id=OuterRef("alias_of_id"))
    )
    found = list(Page.objects.filter(below | above).annotate(restricted=Exists(restricted)))
    parent, page, consumed = root, root, 0
    for level, slug in enumerate(components, start=1):
        klass = page.specific_class or Page
        if page is not root and klass.route is not Page.route:
            if klass.route is not RoutablePageMixin.route or not page.live:
                break
            try:
                klass.get_resolver().resolve("/" + "/".join(components[consumed:]) + "/")
                break
            except Resolver404:
                pass
        child = next(
            (
                other
                for other in found
                if other.depth == page.depth + 1
                and other.slug == slug
                and other.path.startswith(page.path)
            ),
            None,
        )
        if child is None:
            break
        parent, page, consumed = page, child, level
    if page is root:
        return Page.route(root, request, components)
    related = getattr(page.specific_class, "serve_select_related", ())
    if related:
        specific = page.specific_class._default_manager.select_related(*related).get(pk=page.pk)
    else:
        specific = page.specific
    specific._cached_parent_obj = parent
    on_the_way = [other for other in found if other.depth <= page.depth]
    specific._public_section = not any(other.restricted for other in on_the_way)
    return specific.route(request, components[consumed:])


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
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]
    api_fields = [*BasePage.api_fields, APIField("body", serializer=api.StreamBody())]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown on every page, the same in every language. The footer's words
    and links are in `Footer`, one per language."""

    contact_email = models.EmailField(
        blank=True, help_text=_("Shown in the footer for people who want to write to CARE.")
    )

    panels = [FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site settings")


@register_snippet
class Footer(TranslatableMixin, models.Model):
    """The footer's line about the Collaborative and its links, one per language: translators
    translate it like a page, in wagtail-localize's editor."""

    text = models.TextField(
        blank=True,
        max_length=500,
        help_text=_("A short line about the Collaborative shown in the footer."),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("Links in the footer, such as About and Privacy."),
    )

    panels = [FieldPanel("text"), FieldPanel("links")]
    translatable_fields = [TranslatableField("text"), TranslatableField("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_footer_per_language")]

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_language(cls, locale):
        """This language's footer, else the default language's (until it is translated)."""
        footers = {footer.locale_id: footer for footer in cls.objects.select_related("locale")}
        return footers.get(locale.pk) or footers.get(Locale.get_default().pk)
