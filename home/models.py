"""The landing page, standard pages, and the site-wide settings editors manage (footer,
contact details)."""

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Locale,
    Orderable,
    Page,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import api, cache
from care_site.base.blocks import BaseStreamBlock, LinkBlock
from care_site.base.language_choices import InlinePanelInLanguage
from care_site.base.locale import (
    TRANSLATION_FIELDS,
    in_language,
    locale_id_for,
    localize_pages,
)
from care_site.base.models import INLINE_RICH_TEXT, SIGNPOST_SEARCH_FIELDS, BasePage
from care_site.base.renditions import with_renditions
from care_site.base.routing import route_in_one_query, route_untranslated
from care_site.base.view_restrictions import VISIBILITY_FIELDS, is_visible
from partners.models import PARTNER_CARD_FIELDS
from resources.models import CARD_FIELDS, CARD_RELATIONS


def single_link(help_text):
    """At most one link: a page on this site or a web address."""
    return StreamField([("link", LinkBlock())], max_num=1, blank=True, help_text=help_text)


# Two rows of four logos at most: the landing page introduces the partners, the directory lists
# them all.
FEATURED_PARTNERS_MAX = 8


def short_text(help_text, max_length=120, **kwargs):
    """A heading or a few words of a section."""
    return models.CharField(max_length=max_length, help_text=help_text, **kwargs)


def inline_text(help_text):
    """A sentence or two, with links and emphasis only."""
    return RichTextField(features=INLINE_RICH_TEXT, help_text=help_text)


def alt_text_in_language():
    """What a picture of this page shows, written in the page's language: an image's own alt
    text is one for every language."""
    return models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it, in this page's language. "
            "Leave empty to use the image's own alt text."
        ),
    )


def optional_choice(model, help_text):
    """A page or image the editor may leave unchosen; deleting it leaves the field empty."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class HomePage(BasePage):
    """The landing page: one per language, at the root of each locale's tree. Each section of
    the CARE landing page is a group of fields so editors change words, not layout."""

    depends_on_clock = True

    serve_select_related = (
        *BasePage.serve_select_related,
        "hero_image",
        "feature_image",
        "partners_page",
    )

    intro = inline_text(_("The introduction under the page title: who the Collaborative is."))
    hero_image = optional_choice(
        "wagtailimages.Image",
        _(
            "The picture beside the introduction, at the top of the page (below it on phones). "
            "A landscape picture at least 1200 pixels wide works best; its alt text describes "
            "it for people who cannot see it. Leave empty for text only."
        ),
    )

    hero_image_alt = alt_text_in_language()

    community_heading = short_text(_("Heading of the Peer Learning Community section."))
    community_text = inline_text(_("Invitation to join the Peer Learning Community."))
    community_page = optional_choice(
        "events.EventIndexPage", _("The community page whose events give 'the next meeting'.")
    )
    register_link = single_link(_("Where people register to hear about meetings."))
    next_meeting_intro = short_text(
        default="The next meeting is",
        help_text=_(
            "Words before the date of the next meeting, which the site fills in from the "
            "community page's events."
        ),
    )
    no_meeting_text = short_text(
        _("Shown instead of the next meeting when none is scheduled."),
        200,
        default="New meeting dates will be announced soon.",
    )

    featured_heading = short_text(
        _("Heading above the resources you feature below."), default="Featured Resources"
    )

    suggest_heading = short_text(_("Heading of the section inviting people to suggest resources."))
    suggest_text = inline_text(_("What kind of resources to suggest, in a sentence or two."))
    suggest_link = single_link(_("The button to the 'Suggest a resource' form."))

    feature_image = optional_choice(
        "wagtailimages.Image", _("The large photo between sections. Its alt text describes it.")
    )
    feature_image_alt = alt_text_in_language()

    partners_heading = short_text(_("Heading of the section about the Collaborative's partners."))
    partners_text = inline_text(_("A sentence introducing the partners."))
    partners_page = optional_choice(
        "partners.PartnerIndexPage", _("The partner directory; its partners are shown as logos.")
    )
    partners_link_label = short_text(
        _("Text of the link to partners."), 80, default="Meet our partners"
    )

    connect_heading = short_text(
        _("Heading of the closing section inviting people to get in touch.")
    )
    connect_text = inline_text(_("Why and how to contact the Collaborative."))
    connect_link = single_link(_("The button to the 'Connect with us' form."))

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    search_fields = SIGNPOST_SEARCH_FIELDS

    content_panels = [
        *Page.content_panels,
        "intro",
        "hero_image",
        "hero_image_alt",
        MultiFieldPanel(
            [
                "community_heading",
                "community_text",
                "register_link",
                "community_page",
                "next_meeting_intro",
                "no_meeting_text",
            ],
            heading=_("Peer Learning Community"),
        ),
        MultiFieldPanel(
            [
                "featured_heading",
                InlinePanelInLanguage(
                    "featured_resources", label=_("Featured resource"), min_num=0
                ),
            ],
            heading=_("Featured resources"),
        ),
        MultiFieldPanel(
            ["suggest_heading", "suggest_text", "suggest_link"], heading=_("Suggest resources")
        ),
        "feature_image",
        "feature_image_alt",
        MultiFieldPanel(
            [
                "partners_heading",
                "partners_text",
                InlinePanelInLanguage(
                    "featured_partners",
                    label=_("Partner shown"),
                    min_num=0,
                    max_num=FEATURED_PARTNERS_MAX,
                    help_text=_(
                        "The partners whose logos this section shows, in this order (up to "
                        "eight: rows of four look best). The directory lists every partner."
                    ),
                ),
                "partners_page",
                "partners_link_label",
            ],
            heading=_("Collaborative partners"),
        ),
        MultiFieldPanel(
            ["connect_heading", "connect_text", "connect_link"], heading=_("Connect with us")
        ),
    ]
    promote_panels = [*Page.promote_panels, "summary", "image"]

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_image_alt"),
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
        TranslatableField("feature_image_alt"),
        TranslatableField("partners_heading"),
        TranslatableField("partners_text"),
        SynchronizedField("featured_partners"),
        SynchronizedField("partners_page"),
        TranslatableField("partners_link_label"),
        TranslatableField("connect_heading"),
        TranslatableField("connect_text"),
        TranslatableField("connect_link"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("hero_image", serializer=api.Rendition("width-1200", alt_field="hero_image_alt")),
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
        APIField(
            "feature_image",
            serializer=api.Rendition("width-1200", alt_field="feature_image_alt"),
        ),
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

        languages = {self.locale_id, locale_id_for(settings.LANGUAGE_CODE)}

        def soonest():
            # Any community page (or the chosen one in any language) whose subtree holds the
            # event. They are read first: matched against each event's path in SQL, SQLite
            # walked every page of the language to find the few meetings to come.
            communities = EventIndexPage.objects.all()
            if self.community_page_id:
                chosen = Page.objects.filter(pk=self.community_page_id).values("translation_key")
                communities = communities.filter(translation_key__in=chosen)
            communities = list(communities.only("path", "depth"))
            if not communities:
                return None
            within = reduce(operator.or_, map(EventPage.objects.descendant_of_q, communities))
            now = timezone.now()
            events = EventPage.objects.live().public().filter(within)
            return in_language(events, languages, end__gt=now).upcoming(now).first()

        # Kept until content changes or the meeting ends, whichever comes first.
        soonest = cache.cached(
            soonest,
            cache.key("next-meeting", self.pk, self.community_page_id),
            fresh=lambda event: event is None or event.end > timezone.now(),
        )
        return localize_pages([soonest], self.locale_id)[0] if soonest else None

    @cached_property
    def featured_resource_pages(self):
        """The editor's picks, in the editor's order, live ones only, in this page's language
        where a translation exists."""
        # With their page type, which the API's cards of them name.
        columns = (*CARD_FIELDS, "content_type")
        chosen = chosen_pages(
            self.featured_resources, "resource", self.locale_id, CARD_RELATIONS, columns
        )
        return with_renditions(chosen, "image")

    @cached_property
    def shown_partners_page(self):
        """The partner directory in this page's language; None when none is chosen or not
        everyone may see it."""
        page = self.partners_page if self.partners_page_id else None
        return localize_pages([page], self.locale_id)[0] if is_visible(page) else None

    @cached_property
    def partner_pages(self):
        """The partners editors chose to show, in their order, live ones only, in this page's
        language where a translation exists."""
        # With the partners' websites, which the landing page's structured data names.
        columns = (*PARTNER_CARD_FIELDS, "website")
        chosen = chosen_pages(self.featured_partners, "partner", self.locale_id, ("logo",), columns)
        return with_renditions(chosen, "logo")


def chosen_pages(choices, field, locale_id, related, columns):
    """The live, public pages that the landing page's inline rows (`choices`, in the editor's
    order, each naming its landing page `page`) point at with `field`, each in the language
    `locale_id` where it has a translation. The pages are read with the rows, with what
    `related` names, as narrow rows: the `columns` their cards show, and what tells whether they
    may be shown and which translation to show. One query, not one for the rows and another for
    their pages."""
    shown = (*columns, *VISIBILITY_FIELDS, *TRANSLATION_FIELDS)
    rows = choices.select_related(field, *(f"{field}__{name}" for name in related))
    rows = rows.only("page", field, *(f"{field}__{name}" for name in shown))
    pages = [getattr(row, field) for row in rows]
    return localize_pages([page for page in pages if is_visible(page)], locale_id, related)


class HomePageFeaturedResource(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_resources")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A resource from the library to feature on the landing page."),
    )


class HomePageFeaturedPartner(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_partners")
    partner = models.ForeignKey(
        "partners.PartnerPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A partner whose logo the landing page shows."),
    )


class StandardPage(BasePage):
    """A plain content page such as About or Privacy, built from the block library."""

    body = StreamField(BaseStreamBlock(), help_text=_("The page content, built from blocks."))

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, "body"]
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
    logo = optional_choice(
        "wagtailimages.Image",
        _(
            "The logo at the top of every page, in place of the CARE wordmark. Use a wide "
            "picture at least 96 pixels tall on a white or transparent background. Visitors "
            "who cannot see it hear the site's name. Leave empty for the CARE wordmark."
        ),
    )
    share_image = optional_choice(
        "wagtailimages.Image",
        _(
            "The picture shown when a page without a picture of its own is shared on social "
            "media or in a message. It is cut to 1200 × 630 pixels, so keep the important part "
            "in the middle. Leave empty for the CARE card."
        ),
    )
    icon = optional_choice(
        "wagtailimages.Image",
        _(
            "The small square picture in browser tabs, bookmarks and on phones' home screens. "
            "Use a square image at least 512 pixels wide with a simple shape. Leave empty for "
            "the CARE mark."
        ),
    )
    report_page = optional_choice(
        "care_forms.FormPage",
        _(
            "The form for reporting a broken link or outdated information. Every resource "
            "links to it and fills in the resource's address in its web-address question "
            "named “Resource”. Choose the English form; visitors see its translation."
        ),
    )
    privacy_page = optional_choice(
        "wagtailcore.Page",
        _(
            "The privacy notice: linked beside the consent box of every form, so people can "
            "read what is kept, who sees it and for how long before they send anything. Choose "
            "the English page; visitors see its translation in their language."
        ),
    )

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

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_footer_per_language")]

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})

    @classmethod
    def for_language(cls, locale_id):
        """The footer of the language `locale_id`, else the default language's (until it is
        translated)."""
        footers = {footer.locale_id: footer for footer in cls.objects.all()}
        return footers.get(locale_id) or footers.get(Locale.get_default().pk)
