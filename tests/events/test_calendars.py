"""Calendar files, read back with the icalendar library: one meeting as a download, the
community's feed to subscribe to, and the "add to calendar" links on a meeting's page."""

import datetime
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import time_machine

from events.factories import EventIndexPageFactory
from events.models import EventPage
from tests.events.conftest import LONDON, NEW_YORK, UTC, make_event, ny
from tests.helpers import soup

pytestmark = pytest.mark.django_db

JULY_1 = ny(2023, 7, 1, 12)


def fetch_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def ics_url(event):
    return event.url + event.reverse_subpage("calendar")


def feed_url(community):
    return community.url + community.reverse_subpage("calendar")


def only_event(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def vtimezone(calendar, tzid):
    [zone] = [zone for zone in calendar.walk("VTIMEZONE") if str(zone["TZID"]) == tzid]
    # Built from the VTIMEZONE's own rules, not looked up by name: the file must be right.
    return zone.to_tz(lookup_tzid=False)


# One meeting ----------------------------------------------------------------------------------


@time_machine.travel(JULY_1, tick=False)
def test_a_meeting_downloads_as_a_calendar_file_with_every_property(client, event_index):
    event = make_event(
        event_index,
        ny(2023, 7, 24, 13),
        title="Peer learning meeting, July 2023",
        slug="july-2023",
        summary="Declarations, one year on; bring questions, ideas; and notes\\drafts.",
        join_url="https://meet.example.org/care",
    )
    event.save_revision().publish()
    event.refresh_from_db()
    response = client.get(ics_url(event))
    assert response["Content-Disposition"] == 'attachment; filename="july-2023.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Peer Learning Community" in str(calendar["PRODID"])

    vevent = only_event(calendar)
    assert str(vevent["UID"]) == f"event-{event.translation_key}@localhost"
    assert "http" not in str(vevent["UID"])
    assert event.last_published_at == JULY_1
    assert vevent.decoded("DTSTAMP") == JULY_1
    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert vevent["DTEND"].params["TZID"] == "America/New_York"
    assert vevent.decoded("DTSTART") == ny(2023, 7, 24, 13)
    assert vevent.decoded("DTEND") == ny(2023, 7, 24, 14, 30)
    assert vevent.decoded("SEQUENCE") == 0
    assert str(vevent["SUMMARY"]) == "Peer learning meeting, July 2023"
    assert str(vevent["URL"]) == event.full_url
    assert str(vevent["LOCATION"]) == "https://meet.example.org/care"
    description = str(vevent["DESCRIPTION"])
    assert description.startswith(
        "Declarations, one year on; bring questions, ideas; and notes\\drafts.\n\n"
    )
    assert "Join the meeting: https://meet.example.org/care" in description
    assert event.full_url in description
    # Commas, semicolons, backslashes and line breaks are escaped in the file itself.
    raw = response.content.decode().replace("\r\n ", "")
    assert "DESCRIPTION:Declarations\\, one year on\\; bring questions\\, ideas\\;" in raw
    assert "notes\\\\drafts.\\n\\n" in raw

    zone = vtimezone(calendar, "America/New_York")
    start = vevent.decoded("DTSTART").replace(tzinfo=None)
    assert start.replace(tzinfo=zone).astimezone(UTC) == event.start


def test_the_uid_survives_a_new_title_and_address(client, event_index):
    event = make_event(event_index, ny(2030, 7, 24, 13), slug="first")
    before = str(only_event(fetch_calendar(client, ics_url(event)))["UID"])
    event.title = "Renamed"
    event.slug = "renamed"
    event.save_revision().publish()
    event.refresh_from_db()
    after = str(only_event(fetch_calendar(client, ics_url(event)))["UID"])
    assert after == before


def test_the_sequence_grows_when_the_time_changes(client, event_index):
    event = make_event(event_index, ny(2030, 7, 24, 13))
    event.start, event.end = ny(2030, 7, 24, 15), ny(2030, 7, 24, 16)
    event.save_revision().publish()
    event.refresh_from_db()
    vevent = only_event(fetch_calendar(client, ics_url(event)))
    assert vevent.decoded("SEQUENCE") == 1
    assert vevent.decoded("DTSTART") == ny(2030, 7, 24, 15)


def test_an_in_person_meeting_gives_its_address_as_location(client, event_index):
    event = make_event(
        event_index,
        ny(2030, 7, 24, 13),
        format=EventPage.Format.IN_PERSON,
        location="Health Department\n1 Main St, Boston",
        join_url="",
    )
    vevent = only_event(fetch_calendar(client, ics_url(event)))
    assert str(vevent["LOCATION"]) == "Health Department 1 Main St, Boston"


def test_a_past_meetings_file_gives_no_join_link(client, event_index):
    with time_machine.travel(JULY_1, tick=False):
        event = make_event(event_index, ny(2023, 6, 26, 13), join_url="https://meet.example.org/x")
        vevent = only_event(fetch_calendar(client, ics_url(event)))
    assert "meet.example.org" not in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "Online"


def test_a_meeting_across_the_spring_clock_change(client, event_index):
    """New York's clocks go from 2:00 to 3:00 on March 10, 2024. A meeting from 1:00 to 4:00
    that night lasts two hours; the file must say 1:00 and 4:00 local time and its
    VTIMEZONE must turn those into the right instants."""
    start = datetime.datetime(2024, 3, 10, 6, tzinfo=UTC)  # 1:00 EST
    end = datetime.datetime(2024, 3, 10, 8, tzinfo=UTC)  # 4:00 EDT
    event = make_event(event_index, start)
    event.end = end
    event.save()
    calendar = fetch_calendar(client, ics_url(event))
    vevent = only_event(calendar)
    raw = calendar.to_ical().decode()
    assert "DTSTART;TZID=America/New_York:20240310T010000" in raw
    assert "DTEND;TZID=America/New_York:20240310T040000" in raw
    zone = vtimezone(calendar, "America/New_York")
    local_start = vevent.decoded("DTSTART").replace(tzinfo=None)
    local_end = vevent.decoded("DTEND").replace(tzinfo=None)
    assert local_start.replace(tzinfo=zone).astimezone(UTC) == start
    assert local_end.replace(tzinfo=zone).astimezone(UTC) == end


def test_a_meeting_in_london_while_new_york_is_already_on_summer_time(client, event_index):
    """Between the US change (March 10, 2024) and the UK's (March 31) London is 4 hours
    ahead of New York, not 5. A London meeting at 13:00 is 13:00 UTC, 9:00 in New York."""
    event = make_event(
        event_index,
        datetime.datetime(2024, 3, 20, 13, tzinfo=LONDON),
        time_zone="Europe/London",
    )
    calendar = fetch_calendar(client, ics_url(event))
    vevent = only_event(calendar)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    zone = vtimezone(calendar, "Europe/London")
    local_start = vevent.decoded("DTSTART").replace(tzinfo=None)
    assert local_start == datetime.datetime(2024, 3, 20, 13)
    instant = local_start.replace(tzinfo=zone).astimezone(UTC)
    assert instant == datetime.datetime(2024, 3, 20, 13, tzinfo=UTC)
    assert instant.astimezone(NEW_YORK).hour == 9


def test_the_calendar_file_only_answers_get(client, event_index):
    event = make_event(event_index, ny(2030, 7, 24, 13))
    assert client.post(ics_url(event)).status_code == 405
    assert client.head(ics_url(event)).status_code == 200


# The feed ---------------------------------------------------------------------------------------


@time_machine.travel(JULY_1, tick=False)
def test_the_feed_has_upcoming_and_recent_meetings_of_this_community(
    client, home_page, event_index
):
    make_event(event_index, ny(2023, 8, 28), title="August")
    make_event(event_index, ny(2023, 7, 24), title="July", time_zone="Europe/London")
    make_event(event_index, ny(2023, 1, 23), title="January")
    make_event(event_index, ny(2021, 1, 25), title="Long ago")
    make_event(event_index, ny(2023, 7, 10), title="Draft", live=False)
    other = EventIndexPageFactory(parent=home_page, title="Other", slug="other")
    make_event(other, ny(2023, 7, 12), title="Elsewhere")

    calendar = fetch_calendar(client, feed_url(event_index))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["January", "July", "August"]
    assert str(calendar["X-WR-CALNAME"]) == event_index.title
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == {
        "America/New_York",
        "Europe/London",
    }
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == 3


def test_an_empty_feed_is_still_a_valid_calendar(client, event_index):
    calendar = fetch_calendar(client, feed_url(event_index))
    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


@time_machine.travel(JULY_1, tick=False)
def test_the_community_page_offers_the_feed_as_webcal(client, event_index):
    response = client.get(event_index.url)
    document = soup(response)
    hrefs = [a["href"] for a in document.find_all("a")]
    assert "webcal://localhost/en/peer-learning-community/ical/" in hrefs
    google = next(href for href in hrefs if href.startswith("https://calendar.google.com/"))
    assert parse_qs(urlsplit(google).query)["cid"] == [
        "webcal://localhost/en/peer-learning-community/ical/"
    ]
    link = document.find("link", attrs={"type": "text/calendar"})
    assert link["href"] == "http://localhost/en/peer-learning-community/ical/"
    assert client.post(feed_url(event_index)).status_code == 405


# Add to calendar --------------------------------------------------------------------------------


@time_machine.travel(JULY_1, tick=False)
def test_a_meeting_page_links_to_google_and_outlook(client, event_index):
    event = make_event(
        event_index,
        datetime.datetime(2023, 7, 24, 13, tzinfo=LONDON),
        time_zone="Europe/London",
        title="London meeting",
    )
    hrefs = [a["href"] for a in soup(client.get(event.url)).find_all("a")]
    google = parse_qs(urlsplit(next(h for h in hrefs if "calendar.google.com" in h)).query)
    assert google["action"] == ["TEMPLATE"]
    assert google["text"] == ["London meeting"]
    assert google["dates"] == ["20230724T120000Z/20230724T133000Z"]
    assert google["ctz"] == ["Europe/London"]
    outlook = parse_qs(urlsplit(next(h for h in hrefs if "outlook.live.com" in h)).query)
    assert outlook["subject"] == ["London meeting"]
    assert outlook["startdt"] == ["2023-07-24T12:00:00Z"]
    assert outlook["enddt"] == ["2023-07-24T13:30:00Z"]
    assert any("outlook.office.com" in h for h in hrefs)
    assert ics_url(event) in hrefs


def test_a_past_meeting_page_has_no_add_to_calendar_links(client, event_index):
    with time_machine.travel(JULY_1, tick=False):
        event = make_event(event_index, ny(2023, 6, 26))
        hrefs = [a["href"] for a in soup(client.get(event.url)).find_all("a")]
    assert not any("calendar.google.com" in h or "outlook" in h for h in hrefs)
