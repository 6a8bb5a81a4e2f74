"""A resource's own page: the main link, links into the filtered library, related resources,
the video with its transcript, and the schema.org description for search engines."""

import datetime
from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command

from wagtail.embeds.exceptions import EmbedNotFoundException

import pytest

from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory, TopicFactory
from resources.models import ResourceType
from tests.helpers import collapse, page_json_ld, soup, visible_text

pytestmark = pytest.mark.django_db

FAKE_EMBED = {
    "title": "Social Determinants of Health",
    "author_name": "CEO Action",
    "provider_name": "YouTube",
    "type": "video",
    "thumbnail_url": "https://i.ytimg.com/vi/abc123/hqdefault.jpg",
    "width": 640,
    "height": 360,
    "html": '<iframe title="Social Determinants of Health" '
    'src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
}


@pytest.fixture(params=["before the job", "after the job"])
def related_of(request, client):
    """The titles of the related resources `page` shows, found by the visitor's request, or
    from the library's index that the scheduler's job keeps (the same, in the same order)."""

    def titles(page):
        if request.param == "after the job":
            call_command("keep_library_indexes")
            cache.clear()
        section = soup(client.get(page.url)).find(
            "section", attrs={"aria-labelledby": "related-heading"}
        )
        return [collapse(h.get_text()) for h in section.select(".card__title")]

    return titles


@pytest.fixture
def fake_oembed():
    """No test reaches a video site: the oEmbed lookup answers from here."""
    with mock.patch(
        "wagtail.embeds.embeds.get_finder_for_embed", return_value=dict(FAKE_EMBED)
    ) as finder:
        yield finder


# Links ------------------------------------------------------------------------------------------


def test_main_link_is_a_prominent_button(client, resource_index):
    page = ResourcePageFactory(parent=resource_index, external_url="https://www.example.org/r")
    button = soup(client.get(page.url)).select_one(".actions--prominent a.button--large")
    assert button["href"] == "https://www.example.org/r"
    assert "Go to the resource" in collapse(button.get_text())
    assert "on example.org" in visible_text(client.get(page.url))


def test_type_topics_and_publisher_lead_to_the_filtered_library(client, resource_index):
    partner = PartnerPageFactory(
        parent=PartnerIndexPageFactory(parent=resource_index.get_parent()),
        title="Law Network",
        slug="lawnet",
    )
    page = ResourcePageFactory(
        parent=resource_index,
        resource_type=ResourceTypeFactory(name="Toolkit", slug="toolkit"),
        topics=[TopicFactory(name="Civic health", slug="civic-health")],
        publisher_page=partner,
    )
    document = soup(client.get(page.url))
    links = {collapse(a.get_text()): a["href"] for a in document.find_all("a")}
    library = resource_index.url
    assert links["Toolkit"] == f"{library}?type=toolkit"
    assert links["Civic health (more resources on this topic)"] == f"{library}?topic=civic-health"
    assert links["Law Network"] == partner.url
    assert links["More resources from Law Network"] == f"{library}?partner=lawnet"
    assert links["Back to Resources"] == library


def test_related_resources_share_topics(related_of, resource_index):
    policy = TopicFactory(name="Policy", slug="policy")
    data = TopicFactory(name="Data", slug="data")
    civic = TopicFactory(name="Civic", slug="civic")
    page = ResourcePageFactory(parent=resource_index, title="This one", topics=[policy, data])
    ResourcePageFactory(
        parent=resource_index,
        title="One shared, newer",
        topics=[data],
        publication_date=datetime.date(2024, 1, 1),
    )
    ResourcePageFactory(
        parent=resource_index,
        title="Two shared, older",
        topics=[policy, data],
        publication_date=datetime.date(2019, 1, 1),
    )
    ResourcePageFactory(parent=resource_index, title="Nothing shared", topics=[civic])
    draft = ResourcePageFactory(parent=resource_index, title="Draft", live=False)
    draft.topics.set([policy])  # without publishing, which the factory's `topics` would do
    draft.save()
    assert related_of(page) == [
        "Two shared, older",
        "One shared, newer",
    ]


def test_related_resources_are_the_newest_of_those_sharing_the_most_topics(
    related_of, resource_index
):
    policy, data = (
        TopicFactory(name="Policy", slug="policy"),
        TopicFactory(name="Data", slug="data"),
    )
    page = ResourcePageFactory(parent=resource_index, title="This one", topics=[policy, data])
    for year, title in [(2018, "Both, 2018"), (2023, "Both, 2023"), (2020, "Both, 2020")]:
        ResourcePageFactory(
            parent=resource_index,
            title=title,
            topics=[policy, data],
            publication_date=datetime.date(year, 1, 1),
        )
    ResourcePageFactory(
        parent=resource_index, title="Both, no date", topics=[policy, data], publication_date=None
    )
    ResourcePageFactory(
        parent=resource_index,
        title="One, newest",
        topics=[policy],
        publication_date=datetime.date(2025, 1, 1),
    )
    assert related_of(page) == [
        "Both, 2023",
        "Both, 2020",
        "Both, 2018",
    ]


def test_no_related_section_without_topics(client, resource_index):
    page = ResourcePageFactory(parent=resource_index)
    ResourcePageFactory(parent=resource_index)
    assert soup(client.get(page.url)).find(id="related-heading") is None


# Video --------------------------------------------------------------------------------------------


def test_video_resource_shows_the_player_and_the_transcript(client, resource_index, fake_oembed):
    page = ResourcePageFactory(
        parent=resource_index,
        title="CEO Action for Racial Equity Video: Social Determinants of Health",
        resource_type=ResourceTypeFactory(name="Video", slug="video"),
        video_url="https://www.youtube.com/watch?v=abc123",
        transcript="<p>Where we live shapes how we thrive.</p>",
    )
    page.save_revision().publish()  # the player is looked up now, not when visitors come
    fake_oembed.assert_called_once()
    response = client.get(page.url)
    iframe = soup(response).select_one(".video-embed__frame iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/abc123"
    summary = soup(response).select_one(".video-embed details summary")
    assert collapse(summary.get_text()) == "Read the transcript"
    assert "Where we live shapes how we thrive." in visible_text(response)
    fake_oembed.assert_called_once()  # the visit asked no video site
    data = page_json_ld(response)
    assert data["@type"] == "VideoObject"
    assert data["contentUrl"] == "https://www.youtube.com/watch?v=abc123"
    assert data["thumbnailUrl"] == FAKE_EMBED["thumbnail_url"]
    assert data["transcript"] == "Where we live shapes how we thrive."


def test_a_visit_never_waits_on_the_video_site(client, resource_index):
    """A video not looked up yet (published before, or the site was down) is linked."""
    page = ResourcePageFactory(parent=resource_index, video_url="https://vimeo.com/456")
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed") as finder:
        response = client.get(page.url)
    finder.assert_not_called()
    link = soup(response).find("a", href="https://vimeo.com/456")
    assert collapse(link.get_text()) == "Watch the video"


def test_video_that_cannot_be_embedded_is_linked(client, resource_index):
    page = ResourcePageFactory(
        parent=resource_index, video_url="https://vimeo.com/123", transcript="<p>Words.</p>"
    )
    with mock.patch(
        "wagtail.embeds.embeds.get_finder_for_embed", side_effect=EmbedNotFoundException
    ):
        page.save_revision().publish()  # publishing goes on whatever the video site says
        response = client.get(page.url)
    assert response.status_code == 200
    link = soup(response).find("a", href="https://vimeo.com/123")
    assert collapse(link.get_text()) == "Watch the video"
    assert "Words." in visible_text(response)


def test_video_address_must_be_one_the_site_can_embed(resource_index):
    page = ResourcePageFactory.build(video_url="https://example.org/my-video")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"video_url"}
    # Checked without asking the video site.
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed") as finder:
        ResourcePageFactory.build(video_url="https://www.youtube.com/watch?v=abc123").clean()
    finder.assert_not_called()


# Structured data ---------------------------------------------------------------------------------


def test_report_is_described_to_search_engines(client, resource_index):
    partner = PartnerPageFactory(
        parent=PartnerIndexPageFactory(parent=resource_index.get_parent()), title="Law Network"
    )
    page = ResourcePageFactory(
        parent=resource_index,
        title="Overview of State and Local Equity Offices",
        summary="Examples of equity offices in twelve states.",
        external_url="https://www.networkforphl.org/resources/",
        publisher_page=partner,
        publication_date=datetime.date(2023, 3, 1),
        resource_type=ResourceTypeFactory(name="Report", slug="report"),
        topics=[TopicFactory(name="Policy and law", slug="policy-and-law")],
    )
    data = page_json_ld(client.get(page.url))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": "Overview of State and Local Equity Offices",
        "url": page.full_url,
        "inLanguage": "en",
        "description": "Examples of equity offices in twelve states.",
        "datePublished": "2023-03-01",
        "publisher": {"@type": "Organization", "name": "Law Network", "url": partner.full_url},
        "genre": "Report",
        "keywords": "Policy and law",
        "sameAs": "https://www.networkforphl.org/resources/",
    }


@pytest.mark.parametrize(
    ("slug", "schema_type", "expected"),
    [
        ("report", "", "Report"),
        ("law-or-policy", "", "Legislation"),
        ("something-else", "", "CreativeWork"),
        ("report", ResourceType.SchemaType.DATASET, "Dataset"),
    ],
)
def test_schema_type_follows_the_resource_type(resource_index, slug, schema_type, expected):
    kind = ResourceTypeFactory(name=slug, slug=slug, schema_type=schema_type)
    page = ResourcePageFactory(parent=resource_index, resource_type=kind)
    assert page.structured_data()["@type"] == expected


def test_download_is_described_as_a_media_object(client, resource_index):
    from home.factories import DocumentFactory

    document = DocumentFactory()
    page = ResourcePageFactory(parent=resource_index, external_url="", document=document)
    data = page_json_ld(client.get(page.url))
    assert data["associatedMedia"]["encodingFormat"] == "application/pdf"
    assert data["associatedMedia"]["contentUrl"] == f"http://localhost{document.url}"
    assert "sameAs" not in data


def test_structured_data_cannot_break_out_of_its_script(client, resource_index):
    title = 'Evil </script><script>alert("x")</script> & <!-- title'
    page = ResourcePageFactory(parent=resource_index, title=title, summary="</SCRIPT> too")
    response = client.get(page.url)
    html = response.content.decode()
    head = html[: html.index("</head>")]
    assert head.count("<script") == 1
    assert head.lower().count("</script>") == 1
    assert "<!--" not in head
    data = page_json_ld(response)
    assert data["name"] == title
    assert data["description"] == "</SCRIPT> too"


def test_admin_creates_a_video_resource_with_its_transcript(page_asserts, resource_index):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from resources.models import ResourcePage

    data = nested_form_data(
        {
            "title": "Social Determinants of Health",
            "slug": "sdoh-video",
            "external_url": "https://www.youtube.com/watch?v=abc123",
            "video_url": "https://www.youtube.com/watch?v=abc123",
            "transcript": rich_text("<p>Where we live shapes how we thrive.</p>"),
            "body": streamfield([]),
        }
    )
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed") as finder:
        page_asserts.assertCanCreate(resource_index, ResourcePage, data)
    # Validating asks no video site; publishing looks the player up (in the background where
    # a task worker runs), once.
    assert [call.args[0] for call in finder.call_args_list] == [
        "https://www.youtube.com/watch?v=abc123"
    ]
    page = ResourcePage.objects.get(slug="sdoh-video")
    assert page.video_url == "https://www.youtube.com/watch?v=abc123"
    assert "Where we live shapes how we thrive." in page.transcript
