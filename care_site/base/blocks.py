"""The shared block library. Every StreamField on the site is built from these blocks, so
editors learn one set. Keys in `BaseStreamBlock` are stored in the database: renaming one needs
a data migration.

Each block owns its data and its API shape: the blocks that list pages find them in
`get_context` (for their template) and give the same pages in `get_api_representation` (for the
content API, `care_site.base.api`). The page types they list live in feature apps, which this
layer must not import: they are reached by name (a chooser's `target_model`, `apps.get_model`)."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from . import api
from .embeds import stored_embed
from .locale import active_locale_id, localize_pages
from .renditions import renditions_of, with_renditions
from .view_restrictions import is_visible

MAX_UPCOMING_EVENTS = 12


def live_localized(pages):
    """The picked pages everyone may see, in the editor's order, each replaced by its live
    translation in the visitor's language when there is one. Pages must all be of one type (a
    PageChooserBlock list)."""
    picked = [page for page in pages or [] if is_visible(page)]
    return localize_pages(picked, active_locale_id())


class PageListBlock(blocks.StructBlock):
    """A heading and a list of pages the block finds itself (`pages`): the template gets them
    as `context_name`, the API as a list of `item`s under the same name."""

    heading = blocks.CharBlock(required=False, max_length=120)

    context_name = "pages"
    item = staticmethod(api.page_link)

    def pages(self, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context[self.context_name] = self.pages(value)
        return context

    def get_api_representation(self, value, context=None):
        return {
            **super().get_api_representation(value, context=context),
            self.context_name: [self.item(page) for page in self.pages(value)],
        }


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120, help_text=_("The heading text. Keep it short and descriptive.")
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (H2)")), ("h3", _("Sub-heading (H3)"))],
        default="h2",
        help_text=_("Use H2 for a new section and H3 inside a section; never skip a level."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Advancing racial equity in public health", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = _("Formatted text with links and lists.")
        preview_value = (
            "<p>Public health departments across the country have declared racism a "
            "<b>public health crisis</b>. These resources help turn declarations into action.</p>"
        )


def sample_image_value():
    """Block previews show the most recent image in the library, if there is one."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.order_by("-created_at").first()
    if image is None:
        return None
    return {
        "image": {"image": image, "decorative": False, "alt_text": image.default_alt_text},
        "caption": "Community members at a Peer Learning Community meeting",
        "attribution": "",
    }


class RenditionImageBlock(ImageBlock):
    """Wagtail's ImageBlock (it always deconstructs as itself, so migrations do not change),
    given to the API as a rendition with its size and its alt text in this context."""

    def get_api_representation(self, value, context=None):
        return api.image_rendition(
            value,
            api.STREAM_IMAGE_SPEC,
            alt=getattr(value, "contextual_alt_text", None),
            decorative=bool(getattr(value, "decorative", False)),
        )


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's ImageBlock already refuses an image without alt text unless it is marked
    decorative; we add a visible caption and credit."""

    image = RenditionImageBlock(
        help_text=_("Choose an image and describe it in the alt text field.")
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text=_("Optional caption shown under the image.")
    )
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Optional photo credit.")
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = _("An image with alt text, and an optional caption and credit.")
        preview_value = staticmethod(sample_image_value)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600, help_text=_("The words being quoted."))
    attribution = blocks.CharBlock(
        required=False, max_length=150, help_text=_("Who said it, and their role (optional).")
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A highlighted quotation with who said it.")
        preview_value = {
            "text": "Racism is a public health crisis, and naming it is the first step.",
            "attribution": "A peer learning community member",
        }


class LinkStructValue(blocks.StructValue):
    """Gives templates and the API one `url` whichever kind of link the editor chose: empty
    for a chosen page not everyone may see (unpublished or private), so no link is shown."""

    @property
    def url(self):
        page = self.get("page")
        if page:
            if not is_visible(page):
                return ""
            # Already in the visitor's language: no need to look up the active Locale.
            return (page if page.locale_id == active_locale_id() else page.localized).url
        return self.get("external_url") or ""


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=80,
        help_text=_("Link text that says where it leads, e.g. 'Suggest a resource'."),
    )
    page = blocks.PageChooserBlock(
        required=False, help_text=_("Link to a page on this site, or give a web address below.")
    )
    external_url = blocks.URLBlock(
        required=False, label=_("Web address"), help_text=_("Only if no page is chosen above.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Choose a page or give a web address, not both.")
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(message),
                    "external_url": ValidationError(message),
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        """Its fields, with `url` (whichever kind of link) in place of `external_url`, and the
        page (in the visitor's language) as a link when one is chosen and live. A link to a
        page not everyone may see leads nowhere: empty, label included (it may be the title)."""
        representation = super().get_api_representation(value, context=context)
        del representation["external_url"]
        page = value.get("page")
        if not value.url:
            return {**representation, "label": "", "url": "", "page": None}
        return {**representation, "url": value.url, "page": api.page_link(page and page.localized)}

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"
        value_class = LinkStructValue
        description = _("A link to a page on this site or elsewhere.")
        preview_value = {"label": "About the Collaborative", "external_url": "https://example.org"}


class CallToActionBlock(LinkBlock):
    text = blocks.TextBlock(
        required=False, max_length=300, help_text=_("Optional sentence shown above the button.")
    )

    class Meta:  # the icon and `url` are LinkBlock's
        label = _("Call to action")
        template = "blocks/cta_block.html"
        description = _("A button that invites visitors to act, with an optional sentence.")
        preview_value = {
            "label": "Join the Peer Learning Community",
            "external_url": "https://example.org/register",
            "text": "Connect with practitioners working on the same questions.",
        }


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("The address of the video page, e.g. a YouTube or Vimeo link."))
    transcript = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("A text alternative or transcript, for people who cannot watch the video."),
    )

    def get_context(self, value, parent_context=None):
        """The player stored when the page was published; the video site is not asked."""
        context = super().get_context(value, parent_context=parent_context)
        context["embed"] = stored_embed(value["video"].url if value.get("video") else None)
        return context

    def get_api_representation(self, value, context=None):
        """The video as `{url}` (the player is the front end's), with the transcript."""
        video = value.get("video")
        return {
            **super().get_api_representation(value, context=context),
            "video": {"url": video.url} if video else None,
        }

    class Meta:
        icon = "media"
        template = "blocks/video_embed_block.html"
        preview_template = "blocks/previews/video_embed_block.html"
        description = _("An embedded video with its transcript.")
        preview_value = {
            "video": "https://www.youtube.com/watch?v=example",
            "transcript": "<p>A transcript lets everyone follow the video, and search finds it."
            "</p>",
        }


class ResourceListBlock(PageListBlock):
    resources = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="resources.ResourcePage"),
        help_text=_("Pick resources from the library; they are shown in this order."),
    )

    context_name = "resources"

    def pages(self, value):
        """The picked resources that are live, in the editor's order, in the visitor's
        language."""
        return with_renditions(live_localized(value.get("resources")), "image")

    class Meta:
        icon = "doc-full"
        template = "blocks/resource_list_block.html"
        description = _("Cards for resources you pick from the library.")
        preview_value = {"heading": "Featured resources", "resources": []}


class PartnerGridBlock(PageListBlock):
    partners = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="partners.PartnerPage"),
        required=False,
        help_text=_("Leave empty to show every partner."),
    )

    context_name = "partners"

    def pages(self, value):
        """The picked partners (live, in the editor's order, in the visitor's language); when
        none is picked, every live, public partner in the visitor's language, in the order
        editors arranged them in the page tree."""
        picked = value.get("partners")
        if picked:
            return with_renditions(live_localized(picked), "logo")
        partner_page = self.child_blocks["partners"].child_block.target_model
        partners = partner_page.objects.live().public().filter(locale_id=active_locale_id())
        partners = partners.select_related("logo").prefetch_related(renditions_of("logo"))
        return list(partners.order_by("path"))

    class Meta:
        icon = "group"
        template = "blocks/partner_grid_block.html"
        description = _("Logos and names of the Collaborative's partners.")
        preview_value = {"heading": "Collaborative partners", "partners": []}


class UpcomingEventsBlock(PageListBlock):
    count = blocks.IntegerBlock(
        default=3,
        min_value=1,
        max_value=MAX_UPCOMING_EVENTS,
        help_text=_("How many upcoming events to list."),
    )

    context_name = "events"
    item = staticmethod(api.meeting)

    def pages(self, value):
        """The next `count` (1 to 12) live, public events in the visitor's language that have
        not ended yet, soonest first."""
        try:
            count = max(1, min(int(value.get("count")), MAX_UPCOMING_EVENTS))
        except (TypeError, ValueError):
            count = self.child_blocks["count"].get_default()
        event_page = apps.get_model("events", "EventPage")
        events = event_page.objects.live().public().filter(locale_id=active_locale_id())
        return list(events.upcoming()[:count])

    class Meta:
        icon = "date"
        template = "blocks/upcoming_events_block.html"
        description = _("The next meetings of the Peer Learning Community, kept up to date.")
        preview_value = {"heading": "Upcoming meetings", "count": 3}


class TwoColumnBlock(blocks.StructBlock):
    left = ParagraphBlock(help_text=_("Text for the left column (first on phones)."))
    right = ParagraphBlock(help_text=_("Text for the right column."))

    class Meta:
        icon = "doc-empty"
        template = "blocks/two_column_block.html"
        description = _("Two columns of text side by side on wide screens.")
        preview_value = {
            "left": "<p>Research and data on health inequities.</p>",
            "right": "<p>Policies and practices that close the gaps.</p>",
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = ParagraphBlock()


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock())

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"
        description = _("Questions and answers that open when clicked; works without scripts.")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can join the Peer Learning Community?",
                    "answer": "<p>Anyone working on health equity and anti-racism.</p>",
                }
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    cta = CallToActionBlock()
    embed = VideoEmbedBlock()
    resource_list = ResourceListBlock()
    partner_grid = PartnerGridBlock()
    upcoming_events = UpcomingEventsBlock()
    two_columns = TwoColumnBlock()
    accordion = AccordionBlock()
