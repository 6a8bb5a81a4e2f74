"""Meeting series: a rule defined once gives one event page per date, at the same time on the
meeting's clock across daylight-saving changes, with skipped and moved dates, and the dates
reach the community page, the landing page's next meeting and the calendar feed."""

import datetime
import io

from django.core.management import call_command

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import icalendar
import pytest
import time_machine

from events.factories import MeetingSeriesExceptionFactory, MeetingSeriesFactory
from events.models import EventPage, MeetingSeries
from events.series import generate, regular_dates
from tests.events.conftest import UTC, ny

pytestmark = pytest.mark.django_db

# Generating on February 1, 2027 with three months ahead gives February to April. The US
# clocks go forward on March 14, 2027.
FEB_1 = ny(2027, 2, 1, 12)
FEB_22, MAR_22, APR_26 = (
    datetime.date(2027, 2, 22),
    datetime.date(2027, 3, 22),
    datetime.date(2027, 4, 26),
)


def series_pages(series):
    return list(EventPage.objects.filter(series=series).order_by("start"))


def test_the_rule_gives_the_fourth_monday_of_each_month(community):
    series = MeetingSeriesFactory(community=community)
    dates = regular_dates(series, datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    assert dates == [
        datetime.date(2027, 1, 25),
        FEB_22,
        MAR_22,
        APR_26,
        datetime.date(2027, 5, 24),
        datetime.date(2027, 6, 28),
    ]


def test_two_pm_stays_two_pm_on_the_meetings_clock_across_the_change(community):
    series = MeetingSeriesFactory(community=community)
    report = generate(series, now=FEB_1)
    assert report.created == [FEB_22, MAR_22, APR_26]
    pages = series_pages(series)
    assert [page.occurrence_date for page in pages] == [FEB_22, MAR_22, APR_26]
    for page in pages:
        assert page.live
        assert page.get_parent().pk == community.pk
        assert page.local_start.time() == datetime.time(14, 0)
        assert page.local_end.time() == datetime.time(15, 30)
        assert page.time_zone == "America/New_York"
        assert page.join_url == "https://meet.example.org/care"
    # 2 PM EST is 19:00 UTC; 2 PM EDT is 18:00 UTC.
    assert [page.start.astimezone(UTC).hour for page in pages] == [19, 18, 18]
    assert [page.zone_label for page in pages] == ["EST", "EDT", "EDT"]


def test_generating_again_makes_no_duplicate_and_keeps_what_editors_wrote(community):
    series = MeetingSeriesFactory(community=community)
    generate(series, now=FEB_1)
    february = series_pages(series)[0]
    february.title = "February: measuring equity in county health data"
    february.body = [("paragraph", "<p>With speakers from two health departments.</p>")]
    february.save_revision().publish()

    again = generate(series, now=FEB_1)
    assert again.created == again.moved == again.cancelled == []
    later = generate(series, now=ny(2027, 3, 1))  # the horizon moves on by a month
    assert later.created == [datetime.date(2027, 5, 24)]

    pages = series_pages(series)
    assert len(pages) == 4
    assert len({page.occurrence_date for page in pages}) == 4
    february = EventPage.objects.get(pk=february.pk)
    assert february.title == "February: measuring equity in county health data"
    assert "two health departments" in str(february.body)


def test_the_command_generates_every_series(community):
    MeetingSeriesFactory(community=community, months_ahead=2)
    output = io.StringIO()
    with time_machine.travel(FEB_1, tick=False):
        call_command("generate_meetings", stdout=output)
        call_command("generate_meetings", stdout=output)
    lines = output.getvalue().splitlines()
    assert "2 created" in lines[0]
    assert "0 created" in lines[1]
    assert EventPage.objects.count() == 2


def skipped_march_moved_april(community):
    series = MeetingSeriesFactory(community=community)
    MeetingSeriesExceptionFactory(series=series, date=MAR_22)
    MeetingSeriesExceptionFactory(
        series=series,
        date=APR_26,
        moved_to=datetime.date(2027, 4, 27),
        moved_start_time=datetime.time(16, 0),
    )
    return series


def test_skipped_and_moved_dates(community):
    series = skipped_march_moved_april(community)
    generate(series, now=FEB_1)
    pages = series_pages(series)
    assert [page.occurrence_date for page in pages] == [FEB_22, APR_26]
    moved = pages[1]
    assert moved.local_start == ny(2027, 4, 27, 16)
    assert moved.local_end == ny(2027, 4, 27, 17, 30)


def community_listing_starts(client, community):
    response = client.get(community.url)
    assert response.status_code == 200
    return [event.local_start for event in response.context["upcoming_events"]]


def test_the_community_page_landing_page_and_feed_follow_the_dates(client, home_page, community):
    series = skipped_march_moved_april(community)
    generate(series, now=FEB_1)
    with time_machine.travel(ny(2027, 3, 1), tick=False):
        # February's meeting is past, March's is skipped: April's, moved, is next.
        assert community_listing_starts(client, community) == [ny(2027, 4, 27, 16)]
        response = client.get(home_page.url)
        assert response.context["page"].next_meeting.local_start == ny(2027, 4, 27, 16)
        assert "April 27, 2027" in response.content.decode()

        feed = client.get(community.url + community.reverse_subpage("calendar"))
        calendar = icalendar.Calendar.from_ical(feed.content)
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert starts == [ny(2027, 2, 22, 14), ny(2027, 4, 27, 16)]
    assert [start.tzinfo.key for start in starts] == ["America/New_York"] * 2
    assert [start.astimezone(UTC).hour for start in starts] == [19, 20]


def test_a_date_skipped_or_moved_after_its_page_exists(community):
    series = MeetingSeriesFactory(community=community)
    generate(series, now=FEB_1)
    MeetingSeriesExceptionFactory(series=series, date=MAR_22)
    MeetingSeriesExceptionFactory(series=series, date=APR_26, moved_start_time=datetime.time(15))
    report = generate(series, now=FEB_1)
    assert report.cancelled == [MAR_22]
    assert report.moved == [APR_26]
    march, april = (
        EventPage.objects.get(series=series, occurrence_date=day) for day in (MAR_22, APR_26)
    )
    assert not march.live
    assert april.local_start == ny(2027, 4, 26, 15)
    assert april.schedule_sequence == 1  # calendars replace the meeting they hold
    # Generating once more changes nothing.
    report = generate(series, now=FEB_1)
    assert report.cancelled == report.moved == report.created == []


def test_a_time_an_editor_set_on_the_page_is_kept(community):
    series = MeetingSeriesFactory(community=community)
    generate(series, now=FEB_1)
    april = EventPage.objects.get(series=series, occurrence_date=APR_26)
    april.start, april.end = ny(2027, 4, 26, 10), ny(2027, 4, 26, 11)
    april.save_revision().publish()
    MeetingSeriesExceptionFactory(series=series, date=APR_26, moved_start_time=datetime.time(15))
    assert generate(series, now=FEB_1).moved == []
    assert EventPage.objects.get(pk=april.pk).local_start == ny(2027, 4, 26, 10)


def test_a_translation_or_copy_does_not_claim_the_date(community, spanish, spanish_home):
    series = MeetingSeriesFactory(community=community)
    generate(series, now=FEB_1)
    page = series_pages(series)[0]
    community.copy_for_translation(spanish).save_revision().publish()
    translation = page.copy_for_translation(spanish)
    assert translation.series_id is None and translation.occurrence_date is None
    assert generate(series, now=FEB_1).created == []


def test_the_series_form_refuses_what_cannot_be_a_rule(community):
    series = MeetingSeriesFactory.build(
        community=community,
        week_of_month=None,
        end_time=datetime.time(13, 0),
        until=datetime.date(2027, 12, 31),
        count=10,
    )
    with pytest.raises(Exception) as error:
        series.full_clean()
    assert set(error.value.message_dict) == {"week_of_month", "end_time", "count"}


def test_save_and_create_the_dates_in_the_admin(client, admin_user, community):
    data = nested_form_data(
        {
            "community": community.pk,
            "title": "Peer Learning Community meeting",
            "summary": "",
            "frequency": "monthly",
            "interval": 1,
            "week_of_month": 4,
            "weekday": 0,
            "start_time": "14:00",
            "end_time": "15:30",
            "time_zone": "America/New_York",
            "first_date": "2027-01-01",
            "until": "",
            "count": "",
            "months_ahead": 3,
            "format": "virtual",
            "location": "",
            "join_url": "",
            "registration_url": "",
            "exceptions": inline_formset(
                [{"date": "2027-03-22", "moved_to": "", "moved_start_time": ""}]
            ),
        }
    )
    data["action-generate"] = "1"
    with time_machine.travel(FEB_1, tick=False):
        client.force_login(admin_user)  # a session begun before the clock moved would expire
        response = client.post("/admin/snippets/events/meetingseries/add/", data)
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert [page.occurrence_date for page in series_pages(series)] == [FEB_22, APR_26]
    messages = [str(message) for message in response.wsgi_request._messages]
    assert "2 dates created." in messages
