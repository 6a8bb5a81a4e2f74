"""The partner directory: the Collaborative's core partners and the resources each has
developed."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import api as base_api
from care_site.base import cache
from care_site.base.language_choices import LanguageChoicesPageForm
from care_site.base.locale import in_language, localize_pages
from care_site.base.models import (
    INLINE_RICH_TEXT,
    SIGNPOST_SEARCH_FIELDS,
    BasePage,
)
from care_site.base.planner import shown_children
from care_site.base.renditions import renditions_of
from resources import api as resource_api
from resources.models import (
    CARD_RELATIONS,
    ResourceIndexPage,
    ResourcePage,
    card_rows,
    resource_cards,
)

NEWEST_RESOURCES_SHOWN = 6
# Six rows of four on a wide screen: a directory of hundreds stays a page a phone can load.
PARTNERS_PER_PAGE = 24


# Every column a partner's card reads (templates/includes/partner_card.html, and the API's
# cards: whether it may be shown, its type, its picture), its logo read whole.
PARTNER_CARD_FIELDS = (
    "title",
    "url_path",
    "path",
    "live",
    "content_type",
    "summary",
    "logo",
    "image",
)


class PartnerIndexPage(BasePage):
    """The partner directory: a grid of partner logos and names."""

    intro = RichTextField(
        blank=True, features=INLINE_RICH_TEXT, help_text=_("Shown above the partner logos.")
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1

    search_fields = SIGNPOST_SEARCH_FIELDS
    content_panels = [*BasePage.content_panels, "intro"]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("partners", serializer=base_api.Cards()),
    ]

    class Meta:
        verbose_name = _("partner directory")

    def partners(self):
        """Partners in the order editors arranged them in the page tree, as narrow rows."""
        partners = shown_children(self, PartnerPage).select_related("logo")
        return partners.only(*PARTNER_CARD_FIELDS).prefetch_related(renditions_of("logo"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.partners(), PARTNERS_PER_PAGE)
        context["partners"] = paginator.get_page(request.GET.get("page"))
        return context


class PartnerPage(BasePage):
    """One core partner: who they are, their logo and website, and their key resources."""

    listing_select_related = ("locale", "image", "logo")
    listing_prefetch_related = ("focus_areas",)

    topics_field = "focus_areas"
    search_result_kind = ("partnerpage", _("Partner"))

    serve_select_related = (*BasePage.serve_select_related, "logo")

    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The partner's logo. Its alt text should be the partner's name."),
    )
    description = RichTextField(
        features=INLINE_RICH_TEXT + ["ul", "ol"],
        help_text=_("Who the partner is and what they do for health and racial equity."),
    )
    website = models.URLField(blank=True, help_text=_("The partner's own website."))
    focus_areas = ParentalManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="partners",
        help_text=_(
            "The topics this partner works on. Each links to the library filtered by that topic."
        ),
    )
    contact_name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who practitioners can contact at the partner: a person, team or role."),
    )
    contact_email = models.EmailField(
        blank=True, help_text=_("An address the partner is happy to have published.")
    )

    # Focus areas are offered in the page's own language only.
    base_form_class = LanguageChoicesPageForm

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    # A partner is found by its name and what it does, at the weight of pages about the site:
    # for a topic, the resources on it come before the organisations working on it.
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("focus_areas", [index.SearchField("name")]),
    ]
    content_panels = [
        *BasePage.content_panels,
        "logo",
        "description",
        "website",
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            ["contact_name", "contact_email"],
            heading=_("Contact"),
            help_text=_("Shown on the partner's page. Leave empty to show no contact."),
        ),
        InlinePanel(
            "picked_resources",
            label=_("Key resource"),
            help_text=_(
                "Resources this partner published are listed automatically; add others here."
            ),
        ),
    ]
    # Focus areas (many-to-many topics) follow the source; see resources/signals.py.
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("logo"),
        TranslatableField("description"),
        SynchronizedField("website"),
        TranslatableField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("picked_resources"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("logo", serializer=base_api.Rendition("max-400x200")),
        APIField("description"),
        APIField("website"),
        APIField("focus_areas", serializer=resource_api.Terms()),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("key_resources", serializer=base_api.Cards()),
        APIField("library_filter_url", serializer=base_api.Text()),
    ]

    class Meta:
        verbose_name = _("partner")

    @classmethod
    def search_result_facts(cls):
        published = (
            ResourcePage.objects.live()
            # In its language, whichever translation of the partner it names as publisher.
            .filter(
                locale=OuterRef("locale"),
                publisher_page__translation_key=OuterRef("translation_key"),
            )
            .order_by()
            .values("locale")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return {"resources": Coalesce(Subquery(published), 0)}

    def name_as_publisher(self):
        """Its name where it publishes a resource: what the resource is also found by."""
        return self.title

    @cached_property
    def key_resources(self):
        """The newest resources this partner published (at most NEWEST_RESOURCES_SHOWN; the
        library, filtered by the partner, lists them all), then the editor's extra picks,
        without duplicates."""
        published, picked = self._key_resources
        return [*published, *picked]

    @property
    def has_published_resources(self):
        return bool(self._key_resources[0])

    @cached_property
    def _key_resources(self):
        resources = ResourcePage.objects.live().public()
        newest = (
            in_language(
                resources, self.locale_id, publisher_page__translation_key=self.translation_key
            )
            .order_by(F("publication_date").desc(nulls_last=True), "title")
            .values_list("pk", flat=True)
        )
        published = resource_cards(
            cache.cached(
                lambda: list(newest[:NEWEST_RESOURCES_SHOWN]),
                cache.key("partner-resources", self.pk, self.translation_key),
            )
        )
        seen = {page.id for page in published}
        picks = self.picked_resources.values_list("resource_id", flat=True)
        picked_ids = [pk for pk in dict.fromkeys(picks) if pk not in seen]
        by_id = card_rows(resources).in_bulk(picked_ids)
        picked = localize_pages(
            [by_id[pk] for pk in picked_ids if pk in by_id], self.locale_id, CARD_RELATIONS
        )
        # A pick may be the translation of one already listed.
        picked = [page for page in picked if page.id not in seen]
        prefetch_related_objects(picked, "topics")
        return published, picked

    @cached_property
    def library(self):
        """The resource library in this partner's language, if there is one."""
        return in_language(ResourceIndexPage.objects.live().public(), self.locale_id).first()

    @property
    def library_filter_url(self):
        """The library filtered by this partner as publisher."""
        if not self.library or not self.library.url:
            return ""
        return f"{self.library.url}?{urlencode({'partner': self.slug})}"


class PartnerPickedResource(Orderable):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="picked_resources")
    resource = models.ForeignKey(
        "resources.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A resource from the library to list among this partner's key resources."),
    )
