"""The archive of past meetings on the community page, as a practitioner uses it: search past
meetings by words, narrow them to a topic of their recordings and materials, together with the
year; recordings are library resources with their transcripts. Nothing needs JavaScript, and
filters a visitor makes up show the page rather than an error."""

import datetime

from django.utils import timezone

import pytest

from events.factories import EventMaterialFactory, EventPageFactory
from events.models import EventMaterial
from resources.factories import ResourcePageFactory, TopicFactory
from tests.helpers import soup, visible_text
from tests.resources.test_resource_detail import fake_oembed  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def past(days):
    start = timezone.now() - datetime.timedelta(days=days)
    return {"start": start, "end": start + datetime.timedelta(hours=1)}


@pytest.fixture
def archive(event_index, resource_index):
    policy = TopicFactory(name="Policy", slug="policy")
    data = TopicFactory(name="Data", slug="data")
    TopicFactory(name="Unused topic", slug="unused")
    recording = ResourcePageFactory(
        parent=resource_index,
        title="Recording: zoning and health",
        video_url="https://www.youtube.com/watch?v=abc123",
        transcript="<p>Where we live shapes how we thrive.</p>",
    )
    recording.topics.set([policy])
    recording.save_revision().publish()
    slides = ResourcePageFactory(parent=resource_index, title="Slides: county data")
    slides.topics.set([data])
    slides.save_revision().publish()
    zoning = EventPageFactory(parent=event_index, title="Zoning as health policy", **past(400))
    EventMaterialFactory(page=zoning, resource=recording, kind=EventMaterial.Kind.RECORDING)
    county = EventPageFactory(parent=event_index, title="Reading county data", **past(30))
    EventMaterialFactory(page=county, resource=slides, kind=EventMaterial.Kind.SLIDES)
    budget = EventPageFactory(parent=event_index, title="Budgeting for equity", **past(20))
    coming = EventPageFactory(parent=event_index, title="Next month's meeting")
    return {"zoning": zoning, "county": county, "budget": budget, "coming": coming}


def past_titles(response):
    section = soup(response).find(id="past-heading").find_parent("section")
    return {h.get_text(strip=True) for h in section.select(".card-grid h3")}


def test_the_archive_offers_the_topics_its_meetings_have(client, archive, event_index):
    page = soup(client.get(event_index.url))
    options = [option.get_text(strip=True) for option in page.select("#archive-topic option")]
    assert options == ["Every topic", "Data", "Policy"]
    assert page.select_one("label[for=archive-q]") and page.select_one("label[for=archive-topic]")


def test_a_topic_keeps_the_meetings_whose_materials_are_on_it(client, archive, event_index):
    response = client.get(event_index.url, {"topic": "policy"})
    assert past_titles(response) == {"Zoning as health policy"}
    assert "1 past meeting found." in visible_text(response)
    # Upcoming meetings are not part of the archive: still listed.
    assert "Next month's meeting" in visible_text(response)
    selected = soup(response).select_one("#archive-topic option[selected]")
    assert selected.get_text(strip=True) == "Policy"


def test_words_find_past_meetings(client, archive, event_index):
    assert past_titles(client.get(event_index.url, {"q": "budgeting"})) == {"Budgeting for equity"}
    assert past_titles(client.get(event_index.url, {"q": "county", "topic": "policy"})) == set()


def test_topic_and_year_together(client, archive, event_index):
    this_year = archive["county"].start.year
    response = client.get(event_index.url, {"topic": "data", "year": str(this_year)})
    assert past_titles(response) == {"Reading county data"}
    hidden = soup(response).select_one(".archive-filters input[name=year]")
    assert hidden["value"] == str(this_year)


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"topic": "unused"},
        {"q": "<script>alert(1)</script>"},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"topic": ["data", "policy"]},
    ],
)
def test_made_up_filters_show_the_page(client, archive, event_index, query):
    response = client.get(event_index.url, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.usefixtures("fake_oembed")
def test_a_recording_in_the_archive_is_a_library_resource_with_its_transcript(client, archive):
    meeting = client.get(archive["zoning"].url)
    recording = soup(meeting).find("a", string="Recording: zoning and health")
    assert recording is not None
    resource = client.get(recording["href"])
    assert resource.status_code == 200
    assert "Where we live shapes how we thrive." in visible_text(resource)


def test_the_topics_offered_follow_the_library(client, archive, event_index):
    """The topics are kept with the cached listing, and a change in the library shows."""
    assert client.get(event_index.url).status_code == 200
    slides = archive["county"].materials.get().resource.specific
    slides.topics.add(TopicFactory(name="Housing", slug="housing"))
    slides.save_revision().publish()
    page = soup(client.get(event_index.url))
    options = [option.get_text(strip=True) for option in page.select("#archive-topic option")]
    assert options == ["Every topic", "Data", "Housing", "Policy"]
