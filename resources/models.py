"""The resource library: an index page listing `ResourcePage`s with filters, search and a feed;
topics and resource types as snippets editors manage; and the result of each link check."""

import json
import mimetypes
from collections.abc import Sequence
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Count, F, When, prefetch_related_objects
from django.db.models import Value as V
from django.db.models.functions import Coalesce, NullIf
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.embeds.finders import get_finders
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import api as base_api
from care_site.base import cache
from care_site.base.blocks import BaseStreamBlock
from care_site.base.embeds import stored_embed
from care_site.base.language_choices import LanguageChoicesPageForm
from care_site.base.models import (
    CONTENT_BOOST,
    INLINE_RICH_TEXT,
    SIGNPOST_SEARCH_FIELDS,
    BasePage,
    content_search_fields,
)
from care_site.base.public_address import absolute_url
from care_site.base.renditions import renditions_of
from care_site.base.view_restrictions import is_visible, visible_q

from . import api as resource_api
from .feeds import ResourceFeed

RESOURCES_PER_PAGE = 12
RELATED_RESOURCES = 3
CARD_RELATIONS = ("resource_type", "publisher_page", "document", "image")
# Every column a resource's card reads (templates/includes/resource_card.html, with the
# properties it calls and the page's address), with its relations': a list of cards reads these,
# not whole pages with whole partner pages. The picture's image is read whole (renditions need
# most of it).
CARD_FIELDS = (
    *("title", "url_path", "locale_id", "translation_key", "summary", "publication_date"),
    *("external_url", "publisher_name", *CARD_RELATIONS),
    *("resource_type__name", "document__file", "document__file_size"),
    *("publisher_page__title", "publisher_page__live", "publisher_page__path"),
)


class TaxonomyTerm(TranslatableMixin, models.Model):
    """A term editors manage as a snippet. Wagtail's default form shows every field, and
    wagtail-localize's defaults translate the name and slug and synchronise the rest."""

    name = models.CharField(max_length=80, help_text=_("The name visitors see."))
    slug = models.SlugField(
        max_length=80, help_text=_("Used in web addresses of filtered lists; lowercase, no spaces.")
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text=_("Lower numbers come first in filters.")
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Topic(TaxonomyTerm):
    """A subject a resource covers, such as 'Policy' or 'Data and research'."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")


class ResourceType(TaxonomyTerm):
    """What kind of thing a resource is: a report, a video, a toolkit..."""

    class SchemaType(models.TextChoices):
        AUTOMATIC = "", _("Decide from the resource")
        CREATIVE_WORK = "CreativeWork", _("Creative work (anything else)")
        REPORT = "Report", _("Report")
        VIDEO = "VideoObject", _("Video")
        LEGISLATION = "Legislation", _("Law or policy")
        HOW_TO = "HowTo", _("Guide or toolkit")
        DATASET = "Dataset", _("Data set")

    schema_type = models.CharField(
        max_length=40,
        blank=True,
        choices=SchemaType.choices,
        default=SchemaType.AUTOMATIC,
        verbose_name=_("kind for search engines"),
        help_text=_(
            "How search engines are told what resources of this type are. Leave it to decide "
            "from the resource if unsure."
        ),
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("resource type")


# When a type's "kind for search engines" is left automatic: the seeded types' slugs, in both
# languages, and otherwise a creative work.
SCHEMA_TYPE_BY_SLUG = {
    "report": "Report",
    "informe": "Report",
    "video": "VideoObject",
    "law-or-policy": "Legislation",
    "ley-o-politica": "Legislation",
    "toolkit": "HowTo",
    "caja-de-herramientas": "HowTo",
}


class ResourceIndexPage(RoutablePageMixin, BasePage):
    """The resource library: the resources filed under it, with filters by topic, type,
    publisher and year, keyword search, and an RSS feed at `feed/`."""

    search_start_page = True

    intro = RichTextField(
        blank=True, features=INLINE_RICH_TEXT, help_text=_("Shown above the list of resources.")
    )

    subpage_types = ["resources.ResourcePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    search_fields = SIGNPOST_SEARCH_FIELDS
    content_panels = [*BasePage.content_panels, "intro"]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    class Meta:
        verbose_name = _("resource library")

    def filter_resources(self, params):
        """The library's live, public resources as the query string `params` asks for them."""
        from .filters import LibraryFilter

        resources = ResourcePage.objects.child_of(self).live().public()
        return LibraryFilter(
            resources,
            self.locale_id,
            params,
            cache_scope=f"page-{self.pk}",
            kept=lambda: KeptLibraryIndex.for_version(self.pk, cache.version()),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        library = self.filter_resources(request.GET)
        paginator = Paginator(library, RESOURCES_PER_PAGE)
        context["library"] = library
        context["resources"] = paginator.get_page(request.GET.get("page"))
        library_url = self.get_url(request) or ""
        context["feed_url"] = library_url + self.reverse_subpage("feed") + library.feed_querystring
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        response = super().index_route(request, *args, **kwargs)
        if response.context_data["library"].noindex:
            # The page carries the meta tag too; the header also covers crawlers that only
            # read headers.
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_cached_paths(self):
        return ["/", "/feed/"]

    @path("feed/", name="feed")
    def feed(self, request):
        return ResourceFeed()(request, page=self)


class ResourcePage(BasePage):
    """One resource: a report, toolkit, video or law, described and linked."""

    # The content API's filters for resources: the library's facets (`care_site/api/filters.py`).
    api_filter_parameters = frozenset(resource_api.FILTER_PARAMETERS)

    @classmethod
    def filter_for_api(cls, queryset, params, locale):
        return resource_api.filter_resources(queryset, params, locale.pk)

    listing_select_related = ("locale", *CARD_RELATIONS)
    listing_prefetch_related = ("topics",)
    search_result_date = ("publication_date", _("Published"))
    search_result_kind = ("resourcepage", _("Resource"))

    topics_field = "topics"
    serve_select_related = (*BasePage.serve_select_related, "resource_type", "publisher_page")

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
    video_url = models.URLField(
        blank=True,
        max_length=500,
        verbose_name=_("video"),
        help_text=_(
            "For a video: the address of its page on YouTube or Vimeo. The player is shown on "
            "the resource page."
        ),
    )
    transcript = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        verbose_name=_("transcript or text alternative"),
        help_text=_("For a video: what is said and shown, for people who cannot watch or hear it."),
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
        Topic,
        blank=True,
        related_name="resources",
        help_text=_("Tick every subject it covers."),
    )

    # Topics and types are offered in the page's own language only.
    base_form_class = LanguageChoicesPageForm

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    search_fields = [
        *content_search_fields(
            "body",
            "transcript",
            "publisher_name",
            index.RelatedFields("topics", [index.SearchField("name", boost=CONTENT_BOOST)]),
            index.RelatedFields("resource_type", [index.SearchField("name", boost=CONTENT_BOOST)]),
            # Not the partner's `title`: a field named "title" is indexed as this page's title,
            # so every resource of "Community Health Equity Institute" matched "health equity"
            # there.
            index.RelatedFields(
                "publisher_page", [index.SearchField("name_as_publisher", boost=CONTENT_BOOST)]
            ),
        ),
        index.FilterField("publication_date"),
    ]

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            ["external_url", "document"],
            heading=_("Where to find it"),
            help_text=_("Give a web address or upload a document (at least one)."),
        ),
        MultiFieldPanel(
            ["video_url", "transcript"],
            heading=_("Video"),
            help_text=_("Only for videos. Give a transcript whenever you give a video."),
        ),
        MultiFieldPanel(["publisher_page", "publisher_name"], heading=_("Publisher")),
        "publication_date",
        # A short list to pick from, rather than the snippet chooser's pop-up.
        FieldPanel("resource_type", widget=forms.Select),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        "body",
    ]

    # Topics (many-to-many) are not handled by wagtail-localize: a translation starts with the
    # source's, and resources/signals.py points it at the topics in its own language. The
    # resource type is a translatable snippet, so it follows the source in the page's language.
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("body"),
        SynchronizedField("external_url"),
        SynchronizedField("document"),
        SynchronizedField("video_url"),
        TranslatableField("transcript"),
        SynchronizedField("publisher_page"),
        TranslatableField("publisher_name"),
        SynchronizedField("publication_date"),
        TranslatableField("resource_type"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("body", serializer=base_api.StreamBody()),
        APIField("link_url", serializer=base_api.Text()),
        APIField("is_download", serializer=base_api.Flag()),
        APIField("external_url"),
        APIField("document", serializer=resource_api.DocumentFile()),
        APIField("publisher", serializer=base_api.Text()),
        APIField("publisher_page", serializer=base_api.PageLink()),
        APIField("publication_date"),
        APIField("resource_type", serializer=resource_api.Term()),
        APIField("topics", serializer=resource_api.Terms()),
        APIField("video_url"),
        APIField("transcript"),
    ]

    class Meta:
        verbose_name = _("resource")

    @classmethod
    def search_result_facts(cls):
        # A partner nobody may see is not named as publisher (nor is its title the fallback).
        partner = Case(When(visible_q("publisher_page__"), then=F("publisher_page__title")))
        return {
            "kind": F("resource_type__name"),
            "publisher": Coalesce(partner, NullIf(F("publisher_name"), V(""))),
        }

    def pages_listing_this(self):
        """Beyond the library and the landing page above it: the publisher's page lists it."""
        return [self.publisher_page_id] if self.publisher_page_id else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Topics are shown, described to search engines and used to find related resources.
        prefetch_related_objects([self], "topics")
        context["structured_data"] = self.structured_data(request)
        return context

    def clean(self):
        super().clean()
        errors = {}
        if not self.external_url and not self.document_id:
            message = _("Give a web address or upload a document so visitors can reach it.")
            errors.update({"external_url": message, "document": message})
        # Checked without asking the video site, so saving never waits on the network.
        if self.video_url and not any(finder.accept(self.video_url) for finder in get_finders()):
            errors["video_url"] = _(
                "This site cannot show videos from that address. Use the video's page on "
                "YouTube or Vimeo."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def link_url(self):
        return self.document.url if self.document_id else self.external_url

    @property
    def is_download(self):
        return bool(self.document_id)

    @property
    def link_host(self):
        """The site an external link leads to, without 'www.' (shown on cards)."""
        host = urlsplit(self.external_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def file_extension(self):
        return self.document.file_extension.upper() if self.document_id else ""

    @cached_property
    def shown_publisher_page(self):
        """The partner page chosen as publisher, in its own language; None when there is none
        or not everyone may see it (unpublished or private)."""
        page = self.publisher_page if self.publisher_page_id else None
        return page if is_visible(page) else None

    @property
    def publisher(self):
        """The publisher's name: the partner page's title, else the one typed (also when the
        partner page cannot be shown)."""
        page = self.shown_publisher_page
        return page.title if page else self.publisher_name

    @cached_property
    def library(self):
        return self.get_parent()

    def embed_urls(self):
        return [*super().embed_urls(), *([self.video_url] if self.video_url else [])]

    @cached_property
    def video_embed(self):
        """The player looked up when the page was published, or None while there is none (the
        video site did not answer, or does not allow embedding): a link is shown instead."""
        return stored_embed(self.video_url)

    @cached_property
    def related_resources(self):
        """Other resources in this library sharing the most topics with this one, newest first
        among equals. Which ones is kept in the content cache: finding them reads every
        resource on these topics, unless the scheduler's job has kept the library's index at
        this content version, whose bits answer it without a query."""
        from .filters import sharing_most_topics

        topic_ids = sorted(topic.pk for topic in self.topics.all())
        if not topic_ids:
            return []

        def ranked_ids():
            kept = KeptLibraryIndex.for_version(self.get_parent().pk, cache.version())
            found = kept and sharing_most_topics(kept, topic_ids, RELATED_RESOURCES, [self.pk])
            return ranked_by_links() if found is None else found

        def ranked_by_links():
            # Level by level, most topics shared first: each level is the links grouped by
            # resource alone, which both databases answer from the links' own index, and
            # usually the first level fills the section. Ranking every resource on any of the
            # topics in one grouped join took SQLite two to three times as long.
            siblings = ResourcePage.objects.sibling_of(self, inclusive=False).live().public()
            links = (
                ResourcePage.topics.through.objects.filter(topic_id__in=topic_ids)
                .values("resourcepage_id")
                .annotate(shared=Count("topic_id"))
            )
            found = []
            for shared in range(len(topic_ids), 0, -1):
                sharing = links.filter(shared=shared).values("resourcepage_id")
                found += (
                    siblings.filter(pk__in=sharing)
                    .order_by(F("publication_date").desc(nulls_last=True), "title", "pk")
                    .values_list("pk", flat=True)[: RELATED_RESOURCES - len(found)]
                )
                if len(found) == RELATED_RESOURCES:
                    break
            return found

        return resource_cards(
            cache.cached(ranked_ids, cache.key("related-resources", self.pk, *topic_ids))
        )

    @property
    def schema_type(self):
        term = self.resource_type
        if term and term.schema_type:
            return term.schema_type
        if self.video_url:
            return ResourceType.SchemaType.VIDEO.value
        return SCHEMA_TYPE_BY_SLUG.get(term and term.slug, "CreativeWork")

    def structured_data(self, request=None):
        """schema.org description of the resource for search engines (JSON-LD), without the
        properties it has no value for."""
        data = {
            "@context": "https://schema.org",
            "@type": self.schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "description": self.summary,
            "datePublished": self.publication_date and self.publication_date.isoformat(),
            "publisher": self.publisher and {"@type": "Organization", "name": self.publisher},
            "genre": self.resource_type_id and self.resource_type.name,
            "keywords": ", ".join(topic.name for topic in self.topics.all()),
            "sameAs": not self.document_id and self.external_url,
        }
        if self.shown_publisher_page:
            data["publisher"]["url"] = self.shown_publisher_page.get_full_url(request)
        if self.document_id:
            document = self.document
            data["associatedMedia"] = {
                "@type": "MediaObject",
                "contentUrl": absolute_url(document.url),
                "encodingFormat": mimetypes.guess_type(document.filename)[0]
                or document.file_extension,
            }
        if data["@type"] == "VideoObject":
            embed = self.video_embed
            data["contentUrl"] = self.video_url
            data["uploadDate"] = data["datePublished"]
            data["thumbnailUrl"] = embed and embed.thumbnail_url
            data["transcript"] = " ".join(strip_tags(self.transcript).split())
        return {key: value for key, value in data.items() if value}


class KeptLibraryIndex(models.Model):
    """What every view of a library counts from (its terms and `LibraryIndex`,
    resources/filters.py), as it stood at one content version: written by the scheduler's
    `keep_library_indexes` job after content changes, so that the first visitor of the library
    after an edit does not read all of it. A request serving another version ignores it and
    reads the library itself; no visitor's request writes it."""

    library = models.OneToOneField(
        ResourceIndexPage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="kept_index",
        editable=False,
    )
    version = models.PositiveBigIntegerField(
        help_text=_("The content version the library was read at.")
    )
    # JSON in a text column: PostgreSQL sends a jsonb value out by writing it again as text, and
    # a large library's index (hundreds of kilobytes) took 3-5 ms more to read that way, on
    # every first view of the library after a change. Nothing queries inside it.
    data = models.TextField(
        help_text=_("Each facet's terms and which resources have each, as JSON.")
    )

    class Meta:
        verbose_name = _("kept library index")

    def __str__(self):
        return f"library {self.library_id} at content version {self.version}"

    @classmethod
    def keep_every_library(cls):
        """Read every live library not yet kept at the current content version; return how
        many. The version is read first: content changed during a read leaves the row behind
        the current version, where no request uses it, and the next run reads it again."""
        from .filters import library_data

        version = cache.version()
        cls.objects.exclude(library__live=True).delete()
        read = 0
        for library in ResourceIndexPage.objects.live().exclude(kept_index__version=version):
            library_filter = library.filter_resources(QueryDict())
            data = library_data(*library_filter.read_library(newest_first=True))
            cls.objects.update_or_create(
                library=library,
                defaults={"version": version, "data": json.dumps(data, separators=(",", ":"))},
            )
            read += 1
        return read

    @classmethod
    def for_version(cls, library_id, version):
        """(terms, `LibraryIndex`) of the library as kept at `version`, or None."""
        from .filters import library_from_data

        kept = cls.objects.filter(library_id=library_id, version=version)
        data = kept.values_list("data", flat=True).first()
        return None if data is None else library_from_data(json.loads(data))


class LinkCheck(models.Model):
    """What `check_resource_links` found when it last opened a resource's external link."""

    class Outcome(models.TextChoices):
        OK = "ok", _("Works")
        REDIRECTED = "redirected", _("Redirected")
        BROKEN = "broken", _("Broken")

    page = models.OneToOneField(
        ResourcePage, on_delete=models.CASCADE, related_name="link_check", editable=False
    )
    url = models.URLField(max_length=500, help_text=_("The address that was checked."))
    outcome = models.CharField(max_length=20, choices=Outcome.choices, db_index=True)
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The web server's answer, such as 200 or 404.")
    )
    final_url = models.URLField(
        max_length=2000, blank=True, help_text=_("Where the link led after any redirects.")
    )
    error = models.CharField(
        max_length=200, blank=True, help_text=_("Why the link could not be opened, if it failed.")
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("link check")
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.url} ({self.get_outcome_display()})"

    @property
    def result(self):
        """The answer in a few words, for the report."""
        return self.error or str(self.status_code or "")


def card_rows(resources):
    """`resources` (a queryset) read as their cards show them: `CARD_FIELDS`, relations
    joined."""
    return resources.select_related(*CARD_RELATIONS).only(*CARD_FIELDS)


def resource_cards(ids):
    """The resources with primary keys `ids`, in that order, with what their cards show. For
    keys chosen by a query kept in the content cache: the query reads many resources, the
    cards only these, and only when they are first looked at (`ResourceCards`)."""
    return ResourceCards(ids)


class ResourceCards(Sequence):
    """Resources by primary key, in order, read from the database the first time one is looked
    at: a page whose cards come from the content cache as markup never reads them. Its length
    is that of the keys, known without a query."""

    def __init__(self, ids):
        self.ids = list(ids)

    @cached_property
    def resources(self):
        resources = card_rows(ResourcePage.objects)
        by_id = resources.prefetch_related("topics", renditions_of("image")).in_bulk(self.ids)
        return [by_id[pk] for pk in self.ids if pk in by_id]

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        return self.resources[index]

    def __iter__(self):
        return iter(self.resources)
