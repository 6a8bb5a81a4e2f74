"""A meeting's status comes from the clock: upcoming, happening now, then past. One meeting is
followed through an afternoon with the clock frozen at each moment, on its own page, on the
community page and on the landing page."""

import pytest
import time_machine

from events.models import EventPage
from home.models import HomePage
from tests.events.conftest import make_event, ny
from tests.helpers import soup, visible_text

pytestmark = pytest.mark.django_db

START = ny(2023, 7, 24, 13)
BEFORE = ny(2023, 7, 24, 12, 59)
DURING = ny(2023, 7, 24, 14)
AT_END = ny(2023, 7, 24, 14, 30)
AFTER = ny(2023, 7, 24, 15)

JOIN = "https://meet.example.org/care"
REGISTER = "https://example.org/register"


@pytest.fixture
def meeting(community):
    with time_machine.travel(ny(2023, 7, 1), tick=False):
        return make_event(
            community,
            START,
            title="July meeting",
            join_url=JOIN,
            registration_url=REGISTER,
            capacity_note="Limited to 40 participants.",
        )


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (BEFORE, "upcoming"),
        (START, "now"),
        (DURING, "now"),
        (AT_END, "past"),
        (AFTER, "past"),
    ],
)
def test_status_follows_the_clock(meeting, moment, status):
    with time_machine.travel(moment, tick=False):
        assert EventPage.objects.get(pk=meeting.pk).status == status


def page_at(client, meeting, moment):
    with time_machine.travel(moment, tick=False):
        response = client.get(meeting.url)
    assert response.status_code == 200
    return response


def links(response):
    return [a["href"] for a in soup(response).find_all("a")]


def test_before_the_meeting_the_page_invites_people(client, meeting):
    response = page_at(client, meeting, BEFORE)
    text = visible_text(response)
    assert "This event has ended." not in text
    assert "happening now" not in text
    assert "Limited to 40 participants." in text
    assert JOIN in links(response)
    assert REGISTER in links(response)


def test_during_the_meeting_the_page_says_so_and_keeps_the_join_link(client, meeting):
    response = page_at(client, meeting, DURING)
    assert "This event is happening now." in visible_text(response)
    assert JOIN in links(response)


def test_after_the_meeting_the_page_says_so_at_the_top_and_hides_the_links(client, meeting):
    response = page_at(client, meeting, AFTER)
    article = soup(response).find("article")
    first = article.find(True)
    assert "This event has ended." in first.get_text()
    assert first.find_next("h1") is not None  # the notice comes before the title
    assert JOIN not in links(response)
    assert REGISTER not in links(response)
    assert "Limited to 40 participants." not in visible_text(response)


def test_one_visitor_through_the_afternoon_sees_the_status_of_the_moment(client, meeting):
    """The page's content is kept in the content cache between visits; the meeting starting or
    ending is seen at once, though no content changed."""
    seen = {}
    for moment in (BEFORE, BEFORE, DURING, DURING, AFTER, AFTER, BEFORE):
        text = visible_text(page_at(client, meeting, moment))
        seen.setdefault(moment, set()).add(
            "ended"
            if "This event has ended." in text
            else "now"
            if "happening now" in text
            else "soon"
        )
    assert seen == {BEFORE: {"soon"}, DURING: {"now"}, AFTER: {"ended"}}


def test_the_community_page_moves_the_meeting_from_upcoming_to_past(client, meeting):
    def sections(moment):
        with time_machine.travel(moment, tick=False):
            context = client.get(meeting.get_parent().url).context
        return (
            [event.title for event in context["upcoming_events"]],
            [event.title for event in context["past_events"]],
        )

    assert sections(BEFORE) == (["July meeting"], [])
    assert sections(DURING) == (["July meeting"], [])
    assert sections(AFTER) == ([], ["July meeting"])


def test_the_community_page_marks_a_meeting_happening_now(client, meeting):
    with time_machine.travel(DURING, tick=False):
        response = client.get(meeting.get_parent().url)
    assert "Happening now" in visible_text(response)


def test_the_landing_page_next_meeting_follows_the_clock(home_page, meeting):
    later = make_event(meeting.get_parent(), ny(2023, 8, 28, 13), title="August meeting")

    def next_meeting(moment):
        with time_machine.travel(moment, tick=False):
            found = HomePage.objects.get(pk=home_page.pk).next_meeting
        return found.pk if found else None

    assert next_meeting(BEFORE) == meeting.pk
    # A meeting in progress can still be joined: until it ends it is the next meeting.
    assert next_meeting(DURING) == meeting.pk
    assert next_meeting(AFTER) == later.pk
    assert next_meeting(ny(2023, 9, 1)) is None
