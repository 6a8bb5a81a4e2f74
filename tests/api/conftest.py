"""A small site for the API tests: a library with topics, types, partners and years, a
community with a meeting to come and one past, a standard page whose body uses the block
library, and a contact form."""

import datetime

from django.utils import timezone

import pytest

from events.factories import EventPageFactory
from forms.factories import FormFieldFactory, FormPageFactory
from home.factories import DocumentFactory, ImageFactory, StandardPageFactory
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory, TopicFactory


@pytest.fixture
def get_json(client):
    def get(url, status=200, **headers):
        response = client.get(url, **headers)
        assert response.status_code == status, response.content[:500]
        return response.json()

    return get


@pytest.fixture
def image(db):
    return ImageFactory(description="Members of the community in a circle")


@pytest.fixture
def library(resource_index, partner_index, image):
    return build_library(resource_index, partner_index, image)


def build_library(resource_index, partner_index, image):
    """Four resources: policy+data report by Partner A (2022), policy toolkit by Partner B
    (2021), data video (2021), and one with no topic (2020)."""
    policy = TopicFactory(name="Policy", slug="policy")
    data = TopicFactory(name="Data and research", slug="data")
    report = ResourceTypeFactory(name="Report", slug="report")
    toolkit = ResourceTypeFactory(name="Toolkit", slug="toolkit")
    partner_a = PartnerPageFactory(parent=partner_index, title="Partner A", slug="partner-a")
    partner_b = PartnerPageFactory(parent=partner_index, title="Partner B", slug="partner-b")

    def resource(title, year, kind, publisher, topics):
        return ResourcePageFactory(
            parent=resource_index,
            title=title,
            publication_date=datetime.date(year, 5, 1),
            resource_type=kind,
            publisher_page=publisher,
            image=image,
            topics=topics,
        )

    return {
        "index": resource_index,
        "policy_report": resource("Policy report", 2022, report, partner_a, [policy, data]),
        "policy_toolkit": resource("Policy toolkit", 2021, toolkit, partner_b, [policy]),
        "data_video": resource("Data video", 2021, report, None, [data]),
        "untagged": resource("Untagged", 2020, toolkit, None, []),
        "partner_a": partner_a,
        "partner_b": partner_b,
    }


@pytest.fixture
def meetings(event_index):
    return build_meetings(event_index)


def build_meetings(event_index):
    now = timezone.now()
    return {
        "upcoming": EventPageFactory(
            parent=event_index, title="Next meeting", start=now + datetime.timedelta(days=7)
        ),
        "past": EventPageFactory(
            parent=event_index, title="Last meeting", start=now - datetime.timedelta(days=7)
        ),
    }


@pytest.fixture
def standard_page(home_page, image, library):
    return build_standard_page(home_page, image, library)


def build_standard_page(home_page, image, library):
    document = DocumentFactory(title="Annual report")
    return StandardPageFactory(
        parent=home_page,
        title="About",
        slug="about",
        body=[
            ("heading", {"text": "Who we are", "level": "h2"}),
            (
                "paragraph",
                f'<p>See <a linktype="page" id="{library["index"].pk}">the library</a>.</p>',
            ),
            (
                "image",
                {
                    "image": {"image": image, "decorative": False, "alt_text": "A circle"},
                    "caption": "Our members",
                    "attribution": "",
                },
            ),
            ("cta", {"label": "Read the report", "page": library["policy_report"], "text": "New"}),
            ("resource_list", {"heading": "Picks", "resources": [library["data_video"]]}),
            ("quote", {"text": "Naming it is the first step.", "attribution": "A member"}),
            ("paragraph", f'<p><a linktype="document" id="{document.pk}">Report</a></p>'),
        ],
    )


@pytest.fixture
def contact_form(home_page):
    return build_contact_form(home_page)


def build_contact_form(home_page):
    form = FormPageFactory(
        parent=home_page,
        title="Connect with us",
        slug="connect",
        consent_text="I agree that CARE keeps my answers to reply to me.",
    )
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(page=form, label="Email", field_type="email", sort_order=1)
    FormFieldFactory(
        page=form,
        label="Topics",
        field_type="checkboxes",
        choices="Policy\nData",
        required=False,
        sort_order=2,
    )
    return form
