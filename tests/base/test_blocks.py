"""The shared block library: each block goes `to_python` -> `clean` -> `render`, the way a
StreamField value travels from the database to the page."""

import datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.exceptions import EmbedNotFoundException

import pytest
from pytest_django.asserts import assertInHTML

from care_site.base.blocks import (
    AccordionBlock,
    BaseStreamBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    LinkBlock,
    ParagraphBlock,
    PartnerGridBlock,
    QuoteBlock,
    ResourceListBlock,
    TwoColumnBlock,
    UpcomingEventsBlock,
    VideoEmbedBlock,
)
from events.factories import EventPageFactory
from home.factories import ImageFactory, StandardPageFactory
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory
from tests.helpers import collapse, soup, visible_text

STREAM_KEYS = [
    "heading",
    "paragraph",
    "image",
    "quote",
    "cta",
    "embed",
    "resource_list",
    "partner_grid",
    "upcoming_events",
    "two_columns",
    "accordion",
]


def round_trip(block, raw):
    """What a page does with stored block data: rebuild the value, validate it, render it."""
    value = block.to_python(raw)
    cleaned = block.clean(value)
    return cleaned, block.render(cleaned)


# Heading, paragraph, quote, columns, accordion ------------------------------------------------


def test_heading_renders_the_chosen_level():
    _, html = round_trip(HeadingBlock(), {"text": "Our shared work", "level": "h3"})
    headings = soup(html).find_all(["h1", "h2", "h3", "h4"])
    assert [(tag.name, collapse(tag.get_text())) for tag in headings] == [("h3", "Our shared work")]


def test_heading_refuses_a_level_that_is_not_offered():
    block = HeadingBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Page title", "level": "h1"}))


def test_heading_refuses_empty_text():
    block = HeadingBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "", "level": "h2"}))
    assert "text" in error.value.block_errors


def test_paragraph_keeps_its_formatting():
    _, html = round_trip(
        ParagraphBlock(),
        "<p>Racism is a <b>public health crisis</b>.</p><ul><li>Act on it</li></ul>",
    )
    assertInHTML("<b>public health crisis</b>", html)
    assertInHTML("<ul><li>Act on it</li></ul>", html)


def test_paragraph_is_required():
    block = ParagraphBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(""))


def test_quote_shows_the_words_and_who_said_them():
    _, html = round_trip(
        QuoteBlock(),
        {"text": "Naming racism is the first step.", "attribution": "A community member"},
    )
    text = visible_text(html)
    assert "Naming racism is the first step." in text
    assert "A community member" in text
    assert soup(html).find(["blockquote", "figure", "q"]) is not None


def test_two_columns_render_left_then_right():
    _, html = round_trip(
        TwoColumnBlock(),
        {"left": "<p>Research on inequities.</p>", "right": "<p>Policies that close gaps.</p>"},
    )
    assertInHTML("<p>Research on inequities.</p>", html)
    assertInHTML("<p>Policies that close gaps.</p>", html)
    text = visible_text(html)
    assert text.index("Research on inequities.") < text.index("Policies that close gaps.")


def test_accordion_shows_each_question_with_its_answer_without_scripts():
    _, html = round_trip(
        AccordionBlock(),
        {
            "heading": "Frequently asked questions",
            "items": [
                {"question": "Who can join?", "answer": "<p>Anyone doing equity work.</p>"},
                {"question": "Is it free?", "answer": "<p>Yes, always.</p>"},
            ],
        },
    )
    document = soup(html)
    assert "Frequently asked questions" in visible_text(html)
    # Disclosure without JavaScript: each item is a <details> whose <summary> is the question.
    items = document.find_all("details")
    assert [collapse(item.summary.get_text()) for item in items] == ["Who can join?", "Is it free?"]
    assert "Anyone doing equity work." in collapse(items[0].get_text())
    assert "Yes, always." in collapse(items[1].get_text())


# Images ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_captioned_image_uses_the_alt_text_caption_and_credit():
    image = ImageFactory(description="Default description")
    _, html = round_trip(
        CaptionedImageBlock(),
        {
            "image": {
                "image": image.pk,
                "alt_text": "Six people around a table",
                "decorative": False,
            },
            "caption": "The spring convening",
            "attribution": "Photo: CARE",
        },
    )
    document = soup(html)
    images = document.find_all("img")
    assert len(images) == 1
    assert images[0]["alt"] == "Six people around a table"
    text = visible_text(html)
    assert "The spring convening" in text
    assert "Photo: CARE" in text


@pytest.mark.django_db
def test_captioned_image_marked_decorative_has_empty_alt():
    image = ImageFactory(description="A description editors wrote")
    _, html = round_trip(
        CaptionedImageBlock(),
        {"image": {"image": image.pk, "alt_text": "", "decorative": True}},
    )
    assert soup(html).find("img")["alt"] == ""


@pytest.mark.django_db
def test_captioned_image_refuses_an_image_without_alt_text():
    image = ImageFactory(description="")
    block = CaptionedImageBlock()
    value = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "image" in error.value.block_errors
    assert "alt_text" in error.value.block_errors["image"].block_errors


@pytest.mark.django_db
def test_captioned_image_requires_an_image():
    block = CaptionedImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "caption": "No picture"}))
    assert "image" in error.value.block_errors


# Links and calls to action -------------------------------------------------------------------


@pytest.mark.django_db
def test_link_to_a_page_points_at_the_page(home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    cleaned, html = round_trip(
        LinkBlock(), {"label": "About the Collaborative", "page": about.pk, "external_url": ""}
    )
    assert cleaned.url == "/en/about/"
    links = soup(html).find_all("a")
    assert [(a["href"], collapse(a.get_text())) for a in links] == [
        ("/en/about/", "About the Collaborative")
    ]


def test_link_to_a_web_address():
    cleaned, html = round_trip(
        LinkBlock(),
        {"label": "County Health Rankings", "page": None, "external_url": "https://example.org/"},
    )
    assert cleaned.url == "https://example.org/"
    link = soup(html).find("a")
    assert link["href"] == "https://example.org/"
    assert collapse(link.get_text()) == "County Health Rankings"


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", [LinkBlock, CallToActionBlock])
def test_link_refuses_both_a_page_and_a_web_address(block_class, home_page):
    block = block_class()
    value = block.to_python(
        {"label": "Both", "page": home_page.pk, "external_url": "https://example.org/"}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"page", "external_url"}


@pytest.mark.parametrize("block_class", [LinkBlock, CallToActionBlock])
def test_link_refuses_neither_a_page_nor_a_web_address(block_class):
    block = block_class()
    value = block.to_python({"label": "Nowhere", "page": None, "external_url": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"page", "external_url"}


def test_call_to_action_shows_its_sentence_and_button():
    _, html = round_trip(
        CallToActionBlock(),
        {
            "label": "Join the Peer Learning Community",
            "page": None,
            "external_url": "https://example.org/register",
            "text": "Connect with practitioners working on the same questions.",
        },
    )
    assert "Connect with practitioners working on the same questions." in visible_text(html)
    link = soup(html).find("a", href="https://example.org/register")
    assert link is not None
    assert collapse(link.get_text()) == "Join the Peer Learning Community"


@pytest.mark.django_db
def test_link_api_representation_gives_the_page_in_the_visitors_language(home_page, spanish):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    translated = about.copy_for_translation(spanish, copy_parents=True)
    translated.title = "Acerca de"
    translated.save_revision().publish()
    block = LinkBlock()
    value = block.to_python({"label": "About", "page": about.pk, "external_url": ""})
    with translation.override("es"):
        represented = block.get_api_representation(value)
    assert represented == {
        "label": "About",
        "url": translated.url,
        "page": {
            "id": translated.pk,
            "title": "Acerca de",
            "url": translated.url,
            "type": "home.StandardPage",
        },
    }


def test_link_api_representation_resolves_the_url():
    block = CallToActionBlock()
    value = block.clean(
        block.to_python(
            {"label": "Go", "page": None, "external_url": "https://example.org/", "text": "Hi"}
        )
    )
    assert block.get_api_representation(value) == {
        "label": "Go",
        "url": "https://example.org/",
        "page": None,
        "text": "Hi",
    }


# Video ----------------------------------------------------------------------------------------

FAKE_EMBED = {
    "title": "Social Determinants of Health",
    "author_name": "CEO Action",
    "provider_name": "YouTube",
    "type": "video",
    "thumbnail_url": "",
    "width": 640,
    "height": 360,
    "html": '<iframe title="Social Determinants of Health" src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
}


@pytest.fixture
def fake_oembed():
    """No test reaches a video provider: the oEmbed lookup answers from here."""
    with mock.patch(
        "wagtail.embeds.embeds.get_finder_for_embed", return_value=dict(FAKE_EMBED)
    ) as finder:
        yield finder


@pytest.mark.django_db
def test_video_embeds_the_player_and_shows_the_transcript(fake_oembed):
    _, html = round_trip(
        VideoEmbedBlock(),
        {
            "video": "https://www.youtube.com/watch?v=abc123",
            "transcript": "<p>Where we live shapes how we thrive.</p>",
        },
    )
    iframe = soup(html).find("iframe")
    assert iframe is not None
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/abc123"
    assert "Where we live shapes how we thrive." in visible_text(html)
    assert fake_oembed.called


@pytest.mark.django_db
def test_video_refuses_an_address_with_no_embed():
    block = VideoEmbedBlock()
    with (
        mock.patch(
            "wagtail.embeds.embeds.get_finder_for_embed",
            side_effect=EmbedNotFoundException,
        ),
        pytest.raises(StructBlockValidationError) as error,
    ):
        block.clean(block.to_python({"video": "https://example.org/not-a-video"}))
    assert "video" in error.value.block_errors


# Lists of pages -------------------------------------------------------------------------------


def listed(block, raw):
    """The titles a visitor sees (the pages the block gives its template) and the ids a front
    end gets (the block's API representation), checked to be the same pages."""
    value = block.to_python(raw)
    pages = block.get_context(value)[block.context_name]
    represented = block.get_api_representation(value)[block.context_name]
    assert [item["id"] for item in represented] == [page.pk for page in pages]
    return [page.title for page in pages]


@pytest.mark.django_db
def test_resource_list_shows_picked_resources_in_the_editors_order(resource_index):
    older = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    newer = ResourcePageFactory(parent=resource_index, title="County Health Rankings 2023")
    _, html = round_trip(
        ResourceListBlock(),
        {"heading": "Start here", "resources": [older.pk, newer.pk]},
    )
    text = visible_text(html)
    assert "Start here" in text
    assert text.index("Equity offices overview") < text.index("County Health Rankings 2023")
    hrefs = {a["href"] for a in soup(html).find_all("a")}
    assert {older.url, newer.url} <= hrefs


@pytest.mark.django_db
def test_resource_list_leaves_out_unpublished_picks(resource_index):
    live = ResourcePageFactory(parent=resource_index, title="Live pick")
    draft = ResourcePageFactory(parent=resource_index, title="Draft pick", live=False)
    _, html = round_trip(ResourceListBlock(), {"heading": "", "resources": [draft.pk, live.pk]})
    text = visible_text(html)
    assert "Live pick" in text
    assert "Draft pick" not in text


@pytest.mark.django_db
def test_resource_list_gives_picks_in_the_visitors_language(resource_index, spanish):
    picked = ResourcePageFactory(parent=resource_index, title="Equity offices overview")
    untranslated = ResourcePageFactory(parent=resource_index, title="Only in English")
    draft = ResourcePageFactory(parent=resource_index, title="Draft pick", live=False)
    translated = picked.copy_for_translation(spanish, copy_parents=True)
    translated.title = "Oficinas de equidad"
    translated.save_revision().publish()
    raw = {"heading": "", "resources": [untranslated.pk, draft.pk, picked.pk]}
    assert listed(ResourceListBlock(), raw) == ["Only in English", "Equity offices overview"]
    with translation.override("es"):
        assert listed(ResourceListBlock(), raw) == ["Only in English", "Oficinas de equidad"]


@pytest.mark.django_db
def test_resource_list_refuses_a_page_that_is_not_a_resource(home_page):
    block = ResourceListBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "", "resources": [home_page.pk]}))


@pytest.mark.django_db
def test_partner_grid_shows_the_picked_partners(partner_index):
    first = PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    PartnerPageFactory(parent=partner_index, title="Not picked")
    _, html = round_trip(PartnerGridBlock(), {"heading": "Our partners", "partners": [first.pk]})
    text = visible_text(html) + " " + " ".join(img.get("alt", "") for img in soup(html)("img"))
    assert "Our partners" in text
    assert "Network for Public Health Law" in text
    assert "Not picked" not in text


@pytest.mark.django_db
def test_partner_grid_left_empty_shows_every_partner(partner_index):
    """The help text promises: 'Leave empty to show every partner.'"""
    PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    PartnerPageFactory(parent=partner_index, title="Health Equity Institute")
    _, html = round_trip(PartnerGridBlock(), {"heading": "Our partners", "partners": []})
    text = visible_text(html) + " " + " ".join(img.get("alt", "") for img in soup(html)("img"))
    assert "Network for Public Health Law" in text
    assert "Health Equity Institute" in text


@pytest.mark.django_db
def test_partner_grid_gives_the_picked_partners_or_every_partner_in_tree_order(partner_index):
    first = PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    second = PartnerPageFactory(parent=partner_index, title="Health Equity Institute")
    PartnerPageFactory(parent=partner_index, title="Unpublished partner", live=False)
    block = PartnerGridBlock()
    assert listed(block, {"heading": "", "partners": [second.pk, first.pk]}) == [
        "Health Equity Institute",
        "Network for Public Health Law",
    ]
    assert listed(block, {"heading": "", "partners": []}) == [
        "Network for Public Health Law",
        "Health Equity Institute",
    ]


@pytest.mark.django_db
def test_upcoming_events_lists_the_next_meetings_soonest_first(event_index):
    """The description promises 'the next meetings ... kept up to date': the block finds the
    upcoming events itself, at most `count` of them."""
    now = timezone.now()
    EventPageFactory(
        parent=event_index, title="Past meeting", start=now - datetime.timedelta(days=3)
    )
    EventPageFactory(
        parent=event_index, title="Third meeting", start=now + datetime.timedelta(days=30)
    )
    EventPageFactory(
        parent=event_index, title="First meeting", start=now + datetime.timedelta(days=2)
    )
    EventPageFactory(
        parent=event_index, title="Second meeting", start=now + datetime.timedelta(days=9)
    )
    _, html = round_trip(UpcomingEventsBlock(), {"heading": "Upcoming meetings", "count": 2})
    text = visible_text(html)
    assert "Upcoming meetings" in text
    assert "First meeting" in text
    assert "Second meeting" in text
    assert text.index("First meeting") < text.index("Second meeting")
    assert "Third meeting" not in text
    assert "Past meeting" not in text


@pytest.mark.django_db
def test_upcoming_events_gives_the_next_meetings_in_the_visitors_language(event_index, spanish):
    now = timezone.now()
    make = EventPageFactory
    make(parent=event_index, title="Past", start=now - datetime.timedelta(days=7))
    make(parent=event_index, title="Second", start=now + datetime.timedelta(days=14))
    first = make(parent=event_index, title="First", start=now + datetime.timedelta(days=7))
    make(parent=event_index, title="Third", start=now + datetime.timedelta(days=21))
    translated = first.copy_for_translation(spanish, copy_parents=True)
    translated.title = "Primera"
    translated.save_revision().publish()
    block = UpcomingEventsBlock()
    assert listed(block, {"heading": "", "count": 2}) == ["First", "Second"]
    # A count that is not a number lists the default three.
    assert listed(block, {"heading": "", "count": "nonsense"}) == ["First", "Second", "Third"]
    with translation.override("es"):
        assert listed(block, {"heading": "", "count": 3}) == ["Primera"]
    event = block.get_api_representation(block.to_python({"heading": "", "count": 1}))
    assert event["events"][0]["start"] == first.start.isoformat()
    assert set(event["events"][0]) == {
        "id",
        "title",
        "url",
        "type",
        "start",
        "end",
        "time_zone",
        "format",
    }


def test_upcoming_events_count_is_bounded():
    block = UpcomingEventsBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"heading": "", "count": 50}))


# Every block in the stream ---------------------------------------------------------------------


def test_stream_offers_the_documented_blocks_under_stable_keys():
    assert list(BaseStreamBlock().child_blocks) == STREAM_KEYS


@pytest.mark.parametrize("name", STREAM_KEYS)
def test_every_stream_block_has_icon_template_and_description(name):
    block = BaseStreamBlock().child_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("blocks/")
    get_template(block.meta.template)  # raises TemplateDoesNotExist when it is missing
    assert str(block.get_description()).strip()


@pytest.fixture
def site_content(resource_index, partner_index):
    """A site with something in it, as an editor's would be: block previews may show it."""
    ImageFactory(description="Community members talking around a table")
    ResourcePageFactory(parent=resource_index, title="Overview of Equity Offices")
    PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")


@pytest.mark.django_db
@pytest.mark.parametrize("name", STREAM_KEYS)
def test_every_stream_block_has_a_valid_preview_value(name, site_content, fake_oembed):
    """Editors see a preview in the block picker; it needs a value of its own that passes the
    block's validation (a StructBlock's empty default does not count)."""
    block = BaseStreamBlock().child_blocks[name]
    assert hasattr(block.meta, "preview_value"), f"{type(block).__name__} sets no preview_value"
    block.clean(block.get_preview_value())


@pytest.mark.django_db
@pytest.mark.parametrize("name", STREAM_KEYS)
def test_block_preview_renders_in_the_admin(name, admin_client, site_content, fake_oembed):
    """The block picker's preview (Wagtail's block preview view) renders each block and shows
    the editor something: text, an image or a player, not an empty box."""
    block = BaseStreamBlock().child_blocks[name]
    assert block.is_previewable
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    main = soup(response).find("main")
    assert main is not None
    assert visible_text(str(main)) or main.find(["img", "iframe"]) is not None


def test_the_call_to_action_block_is_named_in_words_in_the_block_chooser():
    from care_site.base.blocks import BaseStreamBlock

    assert BaseStreamBlock().child_blocks["cta"].label == "Call to action"
