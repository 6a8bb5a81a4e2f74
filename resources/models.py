"""The resource library: an index page listing `ResourcePage`s, with topics and resource types
as snippets editors manage."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import BaseStreamBlock
from home.models import INLINE_RICH_TEXT, BasePage

RESOURCES_PER_PAGE = 12


class TaxonomyTerm(TranslatableMixin, models.Model):
    name = models.CharField(max_length=80, help_text=_("The name visitors see."))
    slug = models.SlugField(
        max_length=80, help_text=_("Used in web addresses of filtered lists; lowercase, no spaces.")
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text=_("Lower numbers come first in filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


@register_snippet
class Topic(TaxonomyTerm):
    """A subject a resource covers, such as 'Policy' or 'Data and research'."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


@register_snippet
class ResourceType(TaxonomyTerm):
    """What kind of thing a resource is: a report, a video, a toolkit..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("resource type")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class ResourceIndexPage(BasePage):
    """The resource library: lists the resources filed under it, newest first."""

    intro = RichTextField(
        blank=True, features=INLINE_RICH_TEXT, help_text=_("Shown above the list of resources.")
    )

    subpage_types = ["resources.ResourcePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    class Meta:
        verbose_name = _("resource library")

    def resources(self):
        return (
            ResourcePage.objects.child_of(self)
            .live()
            .public()
            .select_related("resource_type", "publisher_page", "document", "image")
            .prefetch_related("topics")
            .order_by("-publication_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.resources(), RESOURCES_PER_PAGE)
        context["resources"] = paginator.get_page(request.GET.get("page"))
        return context


class ResourcePage(BasePage):
    """One resource: a report, toolkit, video or law, described and linked."""

    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("A longer description: what the resource is and who it helps."),
    )
    external_url = models.URLField(
        blank=True,
        max_length=500,
        verbose_name=_("link to the resource"),
        help_text=_("Web address of the resource, if it lives on another site."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Or upload the file itself (PDF, Word...)."),
    )
    publisher_page = models.ForeignKey(
        "partners.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_resources",
        verbose_name=_("publisher (partner)"),
        help_text=_("The partner that published it, if it is one of ours."),
    )
    publisher_name = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("publisher (other)"),
        help_text=_("The publisher's name, if it is not one of our partners."),
    )
    publication_date = models.DateField(
        null=True, blank=True, help_text=_("When the resource was published.")
    )
    resource_type = models.ForeignKey(
        ResourceType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
        help_text=_("What kind of resource this is."),
    )
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="resources", help_text=_("Subjects it covers.")
    )

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("publisher_name"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("external_url"), FieldPanel("document")],
            heading=_("Where to find it"),
            help_text=_("Give a web address or upload a document (at least one)."),
        ),
        MultiFieldPanel(
            [FieldPanel("publisher_page"), FieldPanel("publisher_name")],
            heading=_("Publisher"),
        ),
        FieldPanel("publication_date"),
        FieldPanel("resource_type"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("body"),
        APIField("link_url"),
        APIField("publisher"),
        APIField("publication_date"),
        APIField("resource_type_name"),
        APIField("topic_names"),
    ]

    class Meta:
        verbose_name = _("resource")

    def clean(self):
        super().clean()
        if not self.external_url and not self.document_id:
            message = _("Give a web address or upload a document so visitors can reach it.")
            raise ValidationError({"external_url": message, "document": message})

    @property
    def link_url(self):
        if self.document_id:
            return self.document.url
        return self.external_url

    @property
    def is_download(self):
        return bool(self.document_id)

    @property
    def resource_type_name(self):
        return self.resource_type.name if self.resource_type_id else ""

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics.all()]

    @property
    def publisher(self):
        if self.publisher_page_id:
            return self.publisher_page.title
        return self.publisher_name
