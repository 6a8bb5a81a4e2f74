"""The community page: meetings to come soonest first, past ones newest first by year and a
page at a time, and a query count that does not grow with the number of meetings."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine

from care_site.base.blocks import UpcomingEventsBlock
from events.models import PAST_EVENTS_PER_PAGE
from tests.events.conftest import LONDON, make_event, ny
from tests.helpers import soup, visible_text


def upcoming_events(count):
    """What the "upcoming meetings" block lists for `count`."""
    block = UpcomingEventsBlock()
    return block.get_context(block.to_python({"heading": "", "count": count}))["events"]


pytestmark = pytest.mark.django_db

JULY_1 = ny(2023, 7, 1, 12)


def titles(events):
    return [event.title for event in events]


@time_machine.travel(JULY_1, tick=False)
def test_upcoming_soonest_first_and_past_newest_first(client, event_index):
    make_event(event_index, ny(2023, 9, 25), title="September")
    make_event(event_index, ny(2023, 7, 24), title="July")
    make_event(event_index, ny(2022, 11, 28), title="November 2022")
    make_event(event_index, ny(2023, 3, 27), title="March")
    # 17:30 in London is 12:30 in New York: before the 13:00 New York meeting that day,
    # though its clock reads later. Meetings are ordered by the moment they happen.
    make_event(
        event_index,
        datetime.datetime(2023, 7, 24, 17, 30, tzinfo=LONDON),
        title="London",
        time_zone="Europe/London",
    )
    context = client.get(event_index.url).context
    assert titles(context["upcoming_events"]) == ["London", "July", "September"]
    assert titles(context["past_events"]) == ["March", "November 2022"]


def test_a_meeting_that_ends_moves_to_the_past_with_no_content_change(client, event_index):
    """The meetings are kept in the content cache; which of them are upcoming is decided at
    each request."""
    make_event(event_index, ny(2023, 7, 24), title="July")
    make_event(event_index, ny(2023, 9, 25), title="September")
    with time_machine.travel(JULY_1, tick=False):
        context = client.get(event_index.url).context
        assert titles(context["upcoming_events"]) == ["July", "September"]
    with time_machine.travel(ny(2023, 7, 24, 15), tick=False):
        context = client.get(event_index.url).context
        assert titles(context["upcoming_events"]) == ["September"]
        assert titles(context["past_events"]) == ["July"]


@time_machine.travel(JULY_1, tick=False)
def test_past_meetings_filtered_by_year(client, event_index):
    make_event(event_index, ny(2023, 1, 23), title="January 2023")
    make_event(event_index, ny(2022, 6, 27), title="June 2022")
    make_event(event_index, ny(2022, 3, 28), title="March 2022")
    # Evening of December 31 in New York is already 2022 in UTC: it belongs to 2021.
    make_event(event_index, ny(2021, 12, 31, 21), title="New Year's Eve 2021")

    response = client.get(event_index.url, {"year": "2022"})
    assert titles(response.context["past_events"]) == ["June 2022", "March 2022"]
    assert response.context["past_years"] == [2023, 2022, 2021]
    assert response.context["selected_year"] == 2022
    assert "Past meetings in 2022" in visible_text(response)
    nav = soup(response).find("nav", attrs={"aria-label": "Past meetings by year"})
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "2022"

    response = client.get(event_index.url, {"year": "2021"})
    assert titles(response.context["past_events"]) == ["New Year's Eve 2021"]


@time_machine.travel(JULY_1, tick=False)
@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1999"},
        {"year": "9" * 5000},
        {"year": "2022", "page": "999"},
        {"page": "-1"},
        {"utm_source": "newsletter", "sort": "whatever"},
    ],
)
def test_bad_or_unknown_parameters_still_show_the_page(client, event_index, params):
    make_event(event_index, ny(2022, 6, 27), title="June 2022")
    make_event(event_index, ny(2023, 1, 23), title="January 2023")
    response = client.get(event_index.url, params)
    assert response.status_code == 200
    assert len(response.context["past_events"]) >= 1


@time_machine.travel(JULY_1, tick=False)
def test_the_year_filter_keeps_its_year_across_pages(client, event_index):
    for week in range(PAST_EVENTS_PER_PAGE + 2):
        make_event(event_index, ny(2022, 1, 3) + datetime.timedelta(weeks=week), title=f"W{week}")
    make_event(event_index, ny(2023, 1, 23), title="January 2023")
    response = client.get(event_index.url, {"year": "2022", "page": "2"})
    assert titles(response.context["past_events"]) == ["W1", "W0"]
    next_links = [a["href"] for a in soup(response).select(".pagination a")]
    assert all("year=2022" in href for href in next_links)


def test_listing_queries_do_not_grow_with_the_number_of_meetings(client, event_index):
    """The community page lists every upcoming meeting and a page of past ones. Each card
    needs nothing beyond the meeting's own row, so 200 meetings must cost the same number of
    queries as 20: a per-meeting query would slow the page with every month of meetings.

    Of today's total, 3 are the listing's (view restrictions, the index of meetings, the
    meetings shown); the rest is the page's route and the shared layout (navigation,
    language links, footer settings), which this test does not own."""
    now = datetime.datetime.now(tz=datetime.UTC)

    def add(count, offset):
        for number in range(offset, offset + count):
            days = (number - offset - count // 2) * 7
            make_event(event_index, now + datetime.timedelta(days=days), title=f"M{number}")

    def count_queries():
        client.get(event_index.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(event_index.url)
        assert response.status_code == 200
        return len(queries), response

    add(20, 0)
    small, _ = count_queries()
    add(180, 20)
    large, response = count_queries()
    assert len(response.context["upcoming_events"]) > 20
    assert large == small
    assert large <= 16


def test_the_upcoming_events_block_lists_the_next_meetings_in_the_visitors_language(event_index):
    now = datetime.datetime.now(tz=datetime.UTC)
    make_event(event_index, now - datetime.timedelta(days=7), title="Past")
    make_event(event_index, now + datetime.timedelta(days=14), title="Second")
    make_event(event_index, now + datetime.timedelta(days=7), title="First")
    make_event(event_index, now + datetime.timedelta(days=21), title="Third")
    assert titles(upcoming_events(2)) == ["First", "Second"]
    assert titles(upcoming_events("nonsense")) == ["First", "Second", "Third"]
