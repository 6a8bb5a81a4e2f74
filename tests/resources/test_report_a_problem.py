"""On each resource, a visitor can report a broken link or outdated information: the link leads
to the report form chosen in the site settings, in the visitor's language, with the resource's
address already filled in, and the report is stored for staff like any submission."""

from urllib.parse import parse_qs, urlsplit

from django.test import TestCase

from wagtail.models import Site

import pytest

from forms.models import FormPage, Submission
from home.models import SiteSettings
from resources.models import ResourcePage
from tests.forms.support import filled
from tests.helpers import soup, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

LINK_TEXT = {
    "en": "Report a broken link or outdated information",
    "es": "Informar de un enlace roto o de información desactualizada",
}


def report_link(response, language):
    return soup(response).find("a", string=LINK_TEXT[language])


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_resource_links_to_the_report_form_in_its_language_with_its_address(client, language):
    resource = ResourcePage.objects.live().filter(locale__language_code=language).first()
    link = report_link(client.get(resource.url), language)
    assert link is not None
    address = urlsplit(link["href"])
    form = FormPage.objects.get(
        locale__language_code=language,
        url_path__endswith=(
            "/report-a-problem/" if language == "en" else "/informar-de-un-problema/"
        ),
    )
    assert address.path == form.url
    assert parse_qs(address.query) == {"resource": [resource.full_url]}

    field = soup(client.get(link["href"])).find("input", attrs={"name": "resource"})
    assert field["type"] == "url"
    assert field["value"] == resource.full_url


def test_the_report_reaches_staff_with_the_resource_address(client):
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    form = FormPage.objects.get(locale__language_code="en", slug="report-a-problem")
    answers = {
        "resource": resource.full_url,
        "what_is_wrong": "A link does not work",
        "details": "The report moved to a new address.",
        "email_address": "",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(form.url, filled(form, answers))
    assert "Thank you for letting us know." in visible_text(response)
    assert Submission.objects.get(page=form).form_data == answers


@pytest.mark.parametrize(
    "given",
    [
        "https://phishing.example.net/en/resources/",
        "Call 555-0100 to claim your prize",
        "javascript:alert(1)",
    ],
)
def test_a_crafted_link_fills_in_nothing(client, given):
    form = FormPage.objects.get(locale__language_code="en", slug="report-a-problem")
    page = soup(client.get(form.url, {"resource": given}))
    assert not page.find("input", attrs={"name": "resource"}).get("value")
    assert given not in str(page)


def test_without_a_report_form_chosen_resources_show_no_link(client):

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.report_page = None
    site_settings.save()
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    assert report_link(client.get(resource.url), "en") is None
