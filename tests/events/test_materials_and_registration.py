"""After a meeting: its recording, slides and materials are resources from the library, listed
on the meeting and linking back to it. Before: registration by one of the site's forms or an
outside address."""

from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

import pytest
import time_machine

from events.factories import EventMaterialFactory
from events.models import EventMaterial, EventPage
from events.templatetags.event_tags import events_for_resource
from forms.factories import FormPageFactory
from forms.models import FormPage
from resources.factories import ResourcePageFactory
from tests.events.conftest import make_event, ny
from tests.helpers import soup, visible_text

pytestmark = pytest.mark.django_db

JULY_1 = ny(2023, 7, 1, 12)
AUGUST_1 = ny(2023, 8, 1, 12)


@pytest.fixture
def past_meeting(event_index, resource_index):
    with time_machine.travel(JULY_1, tick=False):
        meeting = make_event(event_index, ny(2023, 6, 26, 13), title="June meeting")
    recording = ResourcePageFactory(parent=resource_index, title="June meeting recording")
    slides = ResourcePageFactory(parent=resource_index, title="June meeting slides")
    draft = ResourcePageFactory(parent=resource_index, title="Unpublished notes", live=False)
    for order, (kind, resource) in enumerate(
        [
            (EventMaterial.Kind.SLIDES, slides),
            (EventMaterial.Kind.MATERIAL, draft),
            (EventMaterial.Kind.RECORDING, recording),
        ]
    ):
        EventMaterialFactory(page=meeting, resource=resource, kind=kind, sort_order=order)
    return meeting


def material_links(response):
    section = soup(response).find("section", class_="event-materials")
    return [(a.get_text(), a["href"]) for a in section.find_all("a")] if section else None


@time_machine.travel(AUGUST_1, tick=False)
def test_a_past_meeting_lists_its_materials_in_the_editors_order(client, past_meeting):
    response = client.get(past_meeting.url)
    slides = past_meeting.materials.get(kind="slides").resource
    recording = past_meeting.materials.get(kind="recording").resource
    assert material_links(response) == [
        ("June meeting slides", slides.url),
        ("June meeting recording", recording.url),
    ]
    text = visible_text(response)
    assert "Slides: June meeting slides" in text
    assert "Recording: June meeting recording" in text
    assert "Unpublished notes" not in text
    # The unpublished notes were its only other material: the page does not promise any.
    assert "This event has ended. Its recording and slides are listed below." in text
    assert materials_heading(response) == "Recording and slides"


def materials_heading(response):
    heading = soup(response).select_one("section.event-materials h2")
    return heading.get_text(strip=True) if heading else None


def ended_notice(response):
    return " ".join(soup(response).select_one(".event-status--past").get_text().split())


R, S, M = EventMaterial.Kind.RECORDING, EventMaterial.Kind.SLIDES, EventMaterial.Kind.MATERIAL


@pytest.mark.parametrize(
    ("kinds", "sentence", "heading"),
    [
        ([M, M], "Its materials are listed below.", "Materials"),
        ([S], "Its slides are listed below.", "Slides"),
        ([R], "Its recording is listed below.", "Recording"),
        ([R, R], "Its recordings are listed below.", "Recordings"),
        ([S, M], "Its slides and materials are listed below.", "Slides and materials"),
        ([M, R], "Its recording and materials are listed below.", "Recording and materials"),
        (
            [M, S, R],
            "Its recording, slides and materials are listed below.",
            "Recording, slides and materials",
        ),
        ([], "", None),
    ],
)
@time_machine.travel(AUGUST_1, tick=False)
def test_a_past_meeting_names_only_the_kinds_of_material_it_has(
    client, event_index, resource_index, kinds, sentence, heading
):
    with time_machine.travel(JULY_1, tick=False):
        meeting = make_event(event_index, ny(2023, 6, 26, 13), title="June meeting")
    for kind in kinds:
        EventMaterialFactory(
            page=meeting, resource=ResourcePageFactory(parent=resource_index), kind=kind
        )
    response = client.get(meeting.url)
    assert ended_notice(response) == f"This event has ended. {sentence}".strip()
    assert materials_heading(response) == heading


@time_machine.travel(JULY_1, tick=False)
def test_an_upcoming_meetings_slides_shared_ahead_are_headed_as_slides(
    client, event_index, resource_index
):
    meeting = make_event(event_index, ny(2023, 7, 24))
    EventMaterialFactory(page=meeting, resource=ResourcePageFactory(parent=resource_index), kind=S)
    response = client.get(meeting.url)
    assert materials_heading(response) == "Slides"
    assert soup(response).select_one(".event-status--past") is None


def render_back_links(resource):
    template = engines["django"].from_string(
        '{% include "events/includes/resource_events.html" with resource=resource %}'
    )
    return template.render({"resource": resource, "request": RequestFactory().get("/")})


@time_machine.travel(AUGUST_1, tick=False)
def test_a_resource_links_back_to_its_meeting(past_meeting, event_index):
    recording = past_meeting.materials.get(kind="recording").resource
    other = make_event(event_index, ny(2023, 5, 22), title="May meeting")
    EventMaterialFactory(page=other, resource=recording)
    make_event(event_index, ny(2023, 4, 24), title="April meeting", live=False)

    assert [event.title for event in events_for_resource(recording)] == [
        "June meeting",
        "May meeting",
    ]
    html = render_back_links(recording)
    links = [(a.get_text(), a["href"]) for a in soup(html).find_all("a")]
    assert links == [("June meeting", past_meeting.url), ("May meeting", other.url)]
    assert "From a Peer Learning Community meeting" in visible_text(html)


def test_a_resource_of_no_meeting_shows_nothing(resource_index):
    resource = ResourcePageFactory(parent=resource_index)
    assert events_for_resource(resource) == []
    assert render_back_links(resource).strip() == ""


@time_machine.travel(AUGUST_1, tick=False)
def test_in_spanish_materials_and_back_links_stay_in_spanish(
    client, home_page, past_meeting, spanish
):
    home_page.copy_for_translation(spanish).save_revision().publish()
    spanish_meeting = past_meeting.copy_for_translation(spanish, copy_parents=True)
    spanish_meeting.save_revision().publish()
    recording = past_meeting.materials.get(kind="recording").resource
    spanish_recording = recording.copy_for_translation(spanish, copy_parents=True)
    spanish_recording.title = "Grabación de la reunión de junio"
    spanish_recording.save_revision().publish()

    response = client.get(spanish_meeting.url)
    links = dict(material_links(response))
    assert links["Grabación de la reunión de junio"] == spanish_recording.url
    # Not translated yet: the English resource stands in.
    assert "June meeting slides" in links
    assert ended_notice(response) == (
        "Este evento ya terminó. Su grabación y sus diapositivas se muestran abajo."
    )
    assert materials_heading(response) == "Grabación y diapositivas"

    assert [event.pk for event in events_for_resource(spanish_recording)] == [spanish_meeting.pk]
    assert [event.pk for event in events_for_resource(recording)] == [past_meeting.pk]


# Registration ----------------------------------------------------------------------------------


@time_machine.travel(JULY_1, tick=False)
def test_registration_through_one_of_the_sites_forms(client, home_page, event_index):
    form = FormPageFactory(parent=event_index, title="Register", slug="register")
    meeting = make_event(event_index, ny(2023, 7, 24), registration_page=form)
    response = client.get(meeting.url)
    register = soup(response).find("a", href=form.url)
    assert register is not None
    assert "Register" in register.get_text()


def test_registration_and_join_links_hide_once_the_meeting_is_over(client, event_index):
    form = FormPageFactory(parent=event_index, title="Register", slug="register")
    with time_machine.travel(AUGUST_1, tick=False):
        meeting = make_event(event_index, ny(2023, 7, 24), registration_page=form)
        response = client.get(meeting.url)
    assert soup(response).find("a", href=form.url) is None
    assert soup(response).find("a", href=meeting.join_url) is None


def test_a_form_and_an_outside_address_together_are_refused(event_index):
    form = FormPageFactory(parent=event_index, slug="register")
    meeting = EventPage(
        title="Meeting",
        slug="meeting",
        start=ny(2030, 7, 24),
        end=ny(2030, 7, 24, 14),
        registration_page=form,
        registration_url="https://example.org/register",
    )
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert set(error.value.message_dict) == {"registration_url"}


def test_the_registration_chooser_offers_only_form_pages(admin_client, event_index):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    form = admin_client.get(url).context["form"]
    assert form.fields["registration_page"].widget.target_models == [FormPage]
