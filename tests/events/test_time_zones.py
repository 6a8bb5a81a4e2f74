"""Each event keeps time in its own zone: editors type the time a clock shows where the event
happens, the admin stores the instant that means, shows it back the same way, refuses times
that do not exist, and counts each change of time for calendars (SEQUENCE)."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

import pytest

from events.models import EventPage
from events.time_zones import (
    NonexistentTime,
    validate_time_zone,
    wall_clock_to_instant,
    zone_abbreviation,
)
from tests.events.conftest import LONDON, NEW_YORK, UTC, make_event, ny
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def event_data(**overrides):
    data = {
        "title": "Peer learning meeting",
        "slug": "meeting",
        "summary": "",
        "start": "2030-07-22 13:00",
        "end": "2030-07-22 14:30",
        "time_zone": "America/New_York",
        "format": "virtual",
        "location": "",
        "join_url": "https://meet.example.org/care",
        "registration_page": "",
        "registration_url": "",
        "capacity_note": "",
        "body": streamfield([]),
        "materials": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_event(admin_client, parent, **overrides):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])
    return admin_client.post(url, event_data(**overrides))


def edit_event(admin_client, event, **overrides):
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    fields = {"title": event.title, "slug": event.slug, **overrides}
    return admin_client.post(url, event_data(**fields))


def errors(response):
    return response.context["form"].errors


# Entering times ---------------------------------------------------------------------------------


def test_a_london_meeting_is_stored_at_the_london_instant(admin_client, event_index):
    response = add_event(
        admin_client,
        event_index,
        start="2030-07-22 13:00",
        end="2030-07-22 14:30",
        time_zone="Europe/London",
    )
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.time_zone == "Europe/London"
    # 13:00 in London in July is 12:00 UTC (BST), not 13:00 in New York (17:00 UTC).
    assert event.start == datetime.datetime(2030, 7, 22, 12, tzinfo=UTC)
    assert event.end == datetime.datetime(2030, 7, 22, 13, 30, tzinfo=UTC)


def test_the_editors_own_time_zone_does_not_shift_the_meeting(
    admin_client, admin_user, event_index
):
    """Wagtail reads typed times in the editor's account time zone; an event's times are read
    in the event's zone whatever the editor's is."""
    profile = UserProfile.get_for_user(admin_user)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    add_event(admin_client, event_index, time_zone="America/New_York")
    assert EventPage.objects.get().start == ny(2030, 7, 22, 13)


def test_the_edit_form_shows_times_as_the_events_clock_reads(admin_client, event_index):
    event = make_event(
        event_index,
        datetime.datetime(2030, 1, 15, 9, 30, tzinfo=LONDON),
        time_zone="Europe/London",
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code == 200
    form = soup(response)
    assert form.find("input", attrs={"name": "start"})["value"] == "2030-01-15 09:30"
    assert form.find("input", attrs={"name": "end"})["value"] == "2030-01-15 11:00"
    selected = form.find("select", attrs={"name": "time_zone"}).find("option", selected=True)
    assert selected["value"] == "Europe/London"


def test_editing_a_meeting_without_changes_keeps_its_instant(admin_client, event_index):
    event = make_event(
        event_index,
        datetime.datetime(2030, 1, 15, 9, 30, tzinfo=LONDON),
        time_zone="Europe/London",
    )
    response = edit_event(
        admin_client,
        event,
        start="2030-01-15 09:30",
        end="2030-01-15 11:00",
        time_zone="Europe/London",
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start == datetime.datetime(2030, 1, 15, 9, 30, tzinfo=UTC)
    assert event.schedule_sequence == 0


# Refused input ---------------------------------------------------------------------------------


def test_a_missing_time_zone_is_refused_with_a_clear_message(admin_client, event_index):
    response = add_event(admin_client, event_index, time_zone="")
    assert response.status_code == 200
    assert errors(response)["time_zone"] == ["Choose the time zone the start and end times are in."]
    assert not EventPage.objects.exists()


def test_an_unknown_time_zone_is_refused(admin_client, event_index):
    response = add_event(admin_client, event_index, time_zone="Mars/Olympus_Mons")
    assert response.status_code == 200
    assert "not a time zone this site knows" in errors(response)["time_zone"][0]
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [("2030-07-22 15:00", "2030-07-22 14:00"), ("2030-07-22 14:00", "2030-07-22 14:00")],
)
def test_a_start_after_the_end_is_refused(admin_client, event_index, start, end):
    response = add_event(admin_client, event_index, start=start, end=end)
    assert response.status_code == 200
    assert errors(response)["end"] == ["The end must be after the start."]
    assert not EventPage.objects.exists()


def test_a_time_skipped_by_the_clocks_going_forward_is_refused(admin_client, event_index):
    # 2:30 a.m. on March 10, 2030 does not happen in New York: clocks go from 2:00 to 3:00.
    response = add_event(
        admin_client, event_index, start="2030-03-10 02:30", end="2030-03-10 04:00"
    )
    assert response.status_code == 200
    assert "does not exist in America/New_York" in errors(response)["start"][0]
    assert not EventPage.objects.exists()


def test_the_same_wall_clock_time_is_accepted_in_a_zone_without_the_gap(admin_client, event_index):
    response = add_event(
        admin_client,
        event_index,
        start="2030-03-10 02:30",
        end="2030-03-10 04:00",
        time_zone="Europe/London",
    )
    assert response.status_code == 302
    assert EventPage.objects.get().start == datetime.datetime(2030, 3, 10, 2, 30, tzinfo=UTC)


def test_model_validation_refuses_an_unknown_zone_outside_the_admin():
    with pytest.raises(Exception, match="not a time zone"):
        validate_time_zone("Nowhere/Special")
    validate_time_zone("America/Sao_Paulo")


# Helpers ------------------------------------------------------------------------------------


def test_wall_clock_to_instant_across_both_daylight_saving_changes():
    spring = datetime.datetime(2030, 3, 10, 3, 0)
    assert wall_clock_to_instant(spring, NEW_YORK) == datetime.datetime(2030, 3, 10, 7, tzinfo=UTC)
    with pytest.raises(NonexistentTime):
        wall_clock_to_instant(datetime.datetime(2030, 3, 10, 2, 15), NEW_YORK)
    # 1:30 on November 3, 2030 happens twice in New York: the first (summer time) is meant.
    autumn = wall_clock_to_instant(datetime.datetime(2030, 11, 3, 1, 30), NEW_YORK)
    assert autumn == datetime.datetime(2030, 11, 3, 5, 30, tzinfo=UTC)


def test_zone_abbreviations():
    assert zone_abbreviation(ny(2030, 7, 1)) == "EDT"
    assert zone_abbreviation(ny(2030, 1, 1)) == "EST"
    assert zone_abbreviation(datetime.datetime(2030, 7, 1, tzinfo=LONDON)) == "BST"
    # tzdata gives São Paulo no abbreviation, only "-03".
    sao_paulo = datetime.datetime(2030, 7, 1, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert zone_abbreviation(sao_paulo) == "UTC\u221203"


# SEQUENCE ----------------------------------------------------------------------------------------


def test_changing_the_time_in_the_admin_raises_the_sequence(admin_client, event_index):
    event = make_event(event_index, ny(2030, 7, 22, 13))
    assert event.schedule_sequence == 0

    edit_event(admin_client, event, start="2030-07-22 14:00", end="2030-07-22 15:30")
    event.refresh_from_db()
    assert event.start == ny(2030, 7, 22, 14)
    assert event.schedule_sequence == 1

    edit_event(
        admin_client, event, title="A new title", start="2030-07-22 14:00", end="2030-07-22 15:30"
    )
    event.refresh_from_db()
    assert event.title == "A new title"
    assert event.schedule_sequence == 1

    edit_event(admin_client, event, start="2030-07-22 14:00", end="2030-07-22 16:00")
    event.refresh_from_db()
    assert event.schedule_sequence == 2


def test_a_draft_change_counts_once_it_is_published(event_index):
    event = make_event(event_index, ny(2030, 7, 22, 13))
    draft = Page.objects.get(pk=event.pk).specific
    draft.start = ny(2030, 7, 29, 13)
    draft.end = ny(2030, 7, 29, 14)
    revision = draft.save_revision()
    event.refresh_from_db()
    assert event.schedule_sequence == 0  # the live meeting has not moved yet
    revision.publish()
    event.refresh_from_db()
    assert event.start == ny(2030, 7, 29, 13)
    assert event.schedule_sequence == 1
