"""The Peer Learning Community page and its meetings: tree rules, creating meetings in the
admin, the rules a meeting must follow, and what visitors see before and after a meeting."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import time_machine

from events.factories import EventPageFactory
from events.models import PAST_EVENTS_PER_PAGE, EventIndexPage, EventPage
from forms.factories import FormPageFactory
from forms.models import FormPage
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage
from resources.models import ResourceIndexPage
from tests.helpers import soup, visible_text

NEW_YORK = ZoneInfo("America/New_York")
JULY_1 = datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK)


def at(month, day, hour=13, minutes=0, year=2023):
    return datetime.datetime(year, month, day, hour, minutes, tzinfo=NEW_YORK)


# Tree rules ---------------------------------------------------------------------------------


def test_community_page_lives_under_the_landing_page(page_asserts):
    page_asserts.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
    # Meetings, and the "Register for the Peer Learning Community" form.
    page_asserts.assertAllowedSubpageTypes(EventIndexPage, {EventPage, FormPage})
    for parent in (StandardPage, ResourceIndexPage, PartnerIndexPage, EventIndexPage):
        page_asserts.assertCanNotCreateAt(parent, EventIndexPage)


def test_meetings_live_only_under_the_community_page(page_asserts):
    page_asserts.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
    page_asserts.assertAllowedSubpageTypes(EventPage, set())
    page_asserts.assertCanCreateAt(EventIndexPage, EventPage)
    page_asserts.assertCanNotCreateAt(HomePage, EventPage)


@pytest.mark.django_db
def test_one_community_page_per_landing_page(home_page, event_index):
    home_page.refresh_from_db()
    assert not EventIndexPage.can_create_at(home_page)


# Creating in the admin ------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_creates_the_community_page(page_asserts, home_page):
    register = FormPageFactory(parent=home_page, title="Register", slug="register")
    page_asserts.assertCanCreate(
        home_page,
        EventIndexPage,
        nested_form_data(
            {
                "title": "Peer Learning Community",
                "slug": "peer-learning-community",
                "intro": rich_text("<p>Share, learn, and grow.</p>"),
                "register_text": "Register to hear about future meeting dates.",
                "register_link": streamfield(
                    [("link", {"label": "Register", "page": register.pk, "external_url": ""})]
                ),
            }
        ),
    )
    community = EventIndexPage.objects.child_of(home_page).get()
    assert community.register_link[0].value.url == register.url


def event_form(**overrides):
    data = {
        "title": "Peer learning meeting",
        "slug": "meeting",
        "summary": "Declarations of racism as a public health crisis, one year on.",
        "start": "2030-07-22 13:00",
        "end": "2030-07-22 14:30",
        "time_zone": "America/New_York",
        "format": "virtual",
        "location": "",
        "join_url": "https://meet.example.org/care",
        "registration_url": "",
        "capacity_note": "",
        "body": streamfield([]),
        "materials": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_admin_creates_a_meeting(page_asserts, event_index):
    page_asserts.assertCanCreate(event_index, EventPage, event_form())
    event = EventPage.objects.child_of(event_index).get()
    assert event.start == at(7, 22, 13, year=2030)
    assert event.end == at(7, 22, 14, 30, year=2030)
    assert event.format == EventPage.Format.VIRTUAL


@pytest.mark.django_db
def test_admin_creates_an_in_person_meeting_with_its_address(page_asserts, event_index):
    page_asserts.assertCanCreate(
        event_index, EventPage, event_form(format="in_person", location="1 Main St, Boston")
    )
    assert EventPage.objects.get().location == "1 Main St, Boston"


def post_event(admin_client, event_index, **overrides):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    data = event_form(**overrides)
    data["action-publish"] = "action-publish"
    return admin_client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("end", ["2030-07-22 13:00", "2030-07-22 12:00"])
def test_admin_refuses_a_meeting_that_ends_before_it_starts(admin_client, event_index, end):
    response = post_event(admin_client, event_index, end=end)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert not EventPage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["in_person", "hybrid"])
def test_admin_refuses_an_in_person_meeting_without_an_address(admin_client, event_index, format):
    response = post_event(admin_client, event_index, format=format, location="")
    assert response.status_code == 200
    assert "location" in response.context["form"].errors
    assert not EventPage.objects.exists()


# Model rules ---------------------------------------------------------------------------------


def build_event(**fields):
    values = {
        "title": "Meeting",
        "slug": "meeting",
        "start": at(7, 24),
        "end": at(7, 24, 14),
        "format": EventPage.Format.VIRTUAL,
    }
    values.update(fields)
    return EventPage(**values)


@pytest.mark.django_db
def test_clean_accepts_a_virtual_meeting():
    build_event().clean()


@pytest.mark.django_db
@pytest.mark.parametrize("end", [at(7, 24), at(7, 23)])
def test_clean_refuses_end_not_after_start(end):
    with pytest.raises(ValidationError) as error:
        build_event(end=end).clean()
    assert set(error.value.message_dict) == {"end"}


@pytest.mark.django_db
@pytest.mark.parametrize("format", [EventPage.Format.IN_PERSON, EventPage.Format.HYBRID])
def test_clean_refuses_in_person_without_location(format):
    with pytest.raises(ValidationError) as error:
        build_event(format=format, location="").clean()
    assert set(error.value.message_dict) == {"location"}
    build_event(format=format, location="1 Main St").clean()


@pytest.mark.django_db  # a new page looks up its content type
@time_machine.travel(at(7, 24, 13, 30), tick=False)
def test_past_and_happening_now():
    assert build_event(start=at(7, 24, 13), end=at(7, 24, 14)).is_happening_now
    assert not build_event(start=at(7, 24, 13), end=at(7, 24, 14)).is_past
    assert build_event(start=at(7, 24, 12), end=at(7, 24, 13)).is_past
    assert not build_event(start=at(7, 25), end=at(7, 25, 14)).is_happening_now


# What visitors see ------------------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(JULY_1, tick=False)
def test_meeting_page_shows_when_where_and_how_to_join(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Peer learning meeting, July 2023",
        summary="One year of declarations.",
        start=at(7, 24, 13),
        end=at(7, 24, 14, 30),
        format=EventPage.Format.HYBRID,
        location="Health Department, 1 Main St",
        join_url="https://meet.example.org/care",
        registration_url="https://example.org/register",
        body=[("paragraph", "<p>Bring a question from your own work.</p>")],
    )
    response = client.get(event.url)
    assert response.status_code == 200
    text = visible_text(response)
    for expected in [
        "Peer learning meeting, July 2023",
        "One year of declarations.",
        "July 24, 2023",
        "1:00 PM",
        "Hybrid",
        "Health Department, 1 Main St",
        "Bring a question from your own work.",
    ]:
        assert expected in text, expected
    hrefs = [a["href"] for a in soup(response).find_all("a")]
    assert "https://meet.example.org/care" in hrefs
    assert "https://example.org/register" in hrefs
    assert event_index.url in hrefs


@pytest.mark.django_db
def test_past_meeting_page_drops_the_join_link(client, event_index):
    with time_machine.travel(JULY_1, tick=False):
        event = EventPageFactory(parent=event_index, start=at(6, 26), end=at(6, 26, 14))
        response = client.get(event.url)
    assert response.status_code == 200
    assert "This event has ended." in visible_text(response)
    assert soup(response).find("a", href=event.join_url) is None


@pytest.mark.django_db
@time_machine.travel(JULY_1, tick=False)
def test_community_page_lists_upcoming_then_past_meetings(client, home_page, event_index):
    register = FormPageFactory(parent=home_page, title="Register", slug="register")
    event_index.register_text = "Register to hear about future meeting dates."
    event_index.register_link = [
        ("link", {"label": "Register now", "page": register, "external_url": ""})
    ]
    event_index.save()
    EventPageFactory(parent=event_index, title="August meeting", start=at(8, 28))
    EventPageFactory(parent=event_index, title="July meeting", start=at(7, 24))
    EventPageFactory(parent=event_index, title="May meeting", start=at(5, 22))
    EventPageFactory(parent=event_index, title="June meeting", start=at(6, 26))
    EventPageFactory(parent=event_index, title="Draft meeting", start=at(7, 10), live=False)

    response = client.get(event_index.url)
    assert response.status_code == 200
    assert [e.title for e in response.context["upcoming_events"]] == [
        "July meeting",
        "August meeting",
    ]
    assert [e.title for e in response.context["past_events"]] == ["June meeting", "May meeting"]
    text = visible_text(response)
    order = ["July meeting", "August meeting", "June meeting", "May meeting"]
    assert [text.index(title) for title in order] == sorted(text.index(t) for t in order)
    assert "Draft meeting" not in text
    assert "Connect with other public health practitioners." in text
    assert "Register to hear about future meeting dates." in text
    assert soup(response).find("a", href=register.url) is not None


@pytest.mark.django_db
def test_community_page_keeps_a_meeting_in_progress_upcoming(client, event_index):
    with time_machine.travel(at(7, 24, 13, 30), tick=False):
        EventPageFactory(parent=event_index, title="Now", start=at(7, 24, 13), end=at(7, 24, 14))
        response = client.get(event_index.url)
    assert [e.title for e in response.context["upcoming_events"]] == ["Now"]


@pytest.mark.django_db
@time_machine.travel(JULY_1, tick=False)
def test_community_page_says_when_nothing_is_scheduled(client, event_index):
    response = client.get(event_index.url)
    assert response.status_code == 200
    assert "No meetings are scheduled right now." in visible_text(response)


@pytest.mark.django_db
@time_machine.travel(JULY_1, tick=False)
def test_past_meetings_are_paginated(client, event_index):
    for number in range(PAST_EVENTS_PER_PAGE + 1):
        EventPageFactory(
            parent=event_index,
            title=f"Past {number:02d}",
            start=at(6, 1) - datetime.timedelta(days=7 * number),
        )
    first = client.get(event_index.url)
    assert len(first.context["past_events"]) == PAST_EVENTS_PER_PAGE
    second = client.get(event_index.url, {"page": 2})
    assert [e.title for e in second.context["past_events"]] == [f"Past {PAST_EVENTS_PER_PAGE:02d}"]
    assert client.get(event_index.url, {"page": "abc"}).status_code == 200
