"""schema.org `Event` JSON-LD on each meeting's page, read back from the HTML as a search
engine would, and times shown in the meeting's own zone."""

import datetime

import pytest
import time_machine

from events.models import EventPage
from tests.events.conftest import LONDON, make_event, ny
from tests.helpers import page_json_ld, soup, visible_text

pytestmark = pytest.mark.django_db

JULY_1 = ny(2023, 7, 1, 12)


@time_machine.travel(JULY_1, tick=False)
def test_a_virtual_meeting(client, event_index):
    event = make_event(
        event_index,
        ny(2023, 7, 24, 13),
        title="July meeting",
        summary="One year of declarations.",
        join_url="https://meet.example.org/care",
    )
    data = page_json_ld(client.get(event.url))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "July meeting",
        "description": "One year of declarations.",
        "url": event.full_url,
        "startDate": "2023-07-24T13:00:00-04:00",
        "endDate": "2023-07-24T14:30:00-04:00",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "inLanguage": "en",
        "location": {"@type": "VirtualLocation", "url": "https://meet.example.org/care"},
        "organizer": {
            "@type": "Organization",
            "name": "Collaborative for Anti-Racism & Equity",
            "url": "http://localhost/",
        },
    }


@time_machine.travel(JULY_1, tick=False)
def test_an_in_person_meeting_in_london(client, event_index):
    event = make_event(
        event_index,
        datetime.datetime(2023, 9, 12, 18, tzinfo=LONDON),
        time_zone="Europe/London",
        format=EventPage.Format.IN_PERSON,
        location="Friends House\n173 Euston Road, London",
        join_url="",
    )
    data = page_json_ld(client.get(event.url))
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["startDate"] == "2023-09-12T18:00:00+01:00"
    assert data["location"] == {
        "@type": "Place",
        "address": "Friends House 173 Euston Road, London",
    }


@time_machine.travel(JULY_1, tick=False)
def test_a_hybrid_meeting_has_both_places(client, event_index):
    event = make_event(
        event_index,
        ny(2023, 7, 24, 13),
        format=EventPage.Format.HYBRID,
        location="1 Main St, Boston",
        join_url="https://meet.example.org/care",
    )
    data = page_json_ld(client.get(event.url))
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {"@type": "Place", "address": "1 Main St, Boston"},
        {"@type": "VirtualLocation", "url": "https://meet.example.org/care"},
    ]


def test_a_past_meeting_gives_out_no_join_link(client, event_index):
    with time_machine.travel(JULY_1, tick=False):
        event = make_event(event_index, ny(2023, 6, 26, 13), join_url="https://meet.example.org/x")
        data = page_json_ld(client.get(event.url))
    assert data["location"] == {"@type": "VirtualLocation", "url": event.full_url}


@time_machine.travel(JULY_1, tick=False)
def test_editor_text_cannot_end_the_script_element(client, event_index):
    title = "</script><script>alert(1)</script> & <!-- more"
    event = make_event(event_index, ny(2023, 7, 24, 13), title=title, summary=title)
    response = client.get(event.url)
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">')
    body = html[start : html.index("</script>", start)]
    assert "<" not in body[len('<script type="application/ld+json">') :]
    assert page_json_ld(response)["name"] == title
    assert not soup(response).find("script", string="alert(1)")


@time_machine.travel(JULY_1, tick=False)
def test_times_show_in_the_meetings_zone_with_its_abbreviation_and_utc_instant(client, event_index):
    event = make_event(
        event_index,
        datetime.datetime(2023, 7, 24, 18, tzinfo=LONDON),
        time_zone="Europe/London",
    )
    response = client.get(event.url)
    when = soup(response).find("dt", string="When").find_next("dd")
    times = when.find_all("time")
    assert [t["datetime"] for t in times] == ["2023-07-24T17:00:00Z", "2023-07-24T18:30:00Z"]
    assert "July 24, 2023, 6:00 PM–7:30 PM BST" in visible_text(str(when))
    assert when.find("abbr")["title"] == "Europe/London"
    # The visitor's own time is added by a script file, never an inline script.
    local = when.find(attrs={"data-local-time": True})
    assert local.has_attr("hidden")
    assert local["data-zone"] == "Europe/London"
    scripts = soup(response).find_all("script")
    assert any((s.get("src") or "").endswith("events/js/local-time.js") for s in scripts)
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)


@time_machine.travel(JULY_1, tick=False)
def test_a_meeting_over_midnight_shows_both_dates(client, event_index):
    event = make_event(event_index, ny(2023, 7, 24, 23), minutes=120)
    when = soup(client.get(event.url)).find("dt", string="When").find_next("dd")
    assert "July 24, 2023, 11:00 PM – July 25, 2023, 1:00 AM EDT" in visible_text(str(when))
