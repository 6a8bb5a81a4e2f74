"""The partner directory: the Collaborative's core partners and the resources each has
developed."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from home.models import INLINE_RICH_TEXT, BasePage, localize_pages


class PartnerIndexPage(BasePage):
    """The partner directory: a grid of partner logos and names."""

    intro = RichTextField(
        blank=True, features=INLINE_RICH_TEXT, help_text=_("Shown above the partner logos.")
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    class Meta:
        verbose_name = _("partner directory")

    def partners(self):
        """Partners in the order editors arranged them in the page tree."""
        return PartnerPage.objects.child_of(self).live().public().select_related("logo")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.partners()
        return context


class PartnerPage(BasePage):
    """One core partner: who they are, their logo and website, and their key resources."""

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

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("website"),
        InlinePanel(
            "picked_resources",
            label=_("Key resource"),
            help_text=_(
                "Resources this partner published are listed automatically; add others here."
            ),
        ),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("logo", serializer=ImageRenditionField("max-400x200")),
        APIField("description"),
        APIField("website"),
    ]

    class Meta:
        verbose_name = _("partner")

    @cached_property
    def key_resources(self):
        """Resources this partner published (newest first), then the editor's extra picks,
        without duplicates."""
        from resources.models import ResourcePage

        published = list(
            ResourcePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, publisher_page__translation_key=self.translation_key)
            .select_related("resource_type", "image")
            .order_by("-publication_date", "title")
        )
        seen = {page.id for page in published}
        picked_ids = [
            pk
            for pk in self.picked_resources.values_list("resource_id", flat=True)
            if pk not in seen
        ]
        picked = ResourcePage.objects.live().public().filter(id__in=picked_ids)
        by_id = {page.id: page for page in picked.select_related("resource_type", "image")}
        picked = [by_id[pk] for pk in picked_ids if pk in by_id]
        return published + localize_pages(picked, self.locale_id, ("resource_type", "image"))


class PartnerPickedResource(Orderable):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="picked_resources")
    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("resource")]
