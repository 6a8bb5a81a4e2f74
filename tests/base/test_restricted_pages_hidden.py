"""A page made private is invisible to visitors who may not see it, wherever its title, slug or
link could appear, in both languages, and its restriction covers its translations.

The places are the inventory in docs/where-pages-appear.md; `SURFACES` below walks each of
them (a test checks the two lists match). On the demo site, four pages are restricted the way
editors do it, each in one language only: a partner that publishes resources, a past meeting
with materials, the About page (in the menu and the footer) in English, and the registration
form in Spanish. Then every surface is fetched as an anonymous visitor in English and Spanish,
and none may name or link to any of them or their translations."""

import re
from pathlib import Path

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from events.models import EventIndexPage, EventPage
from forms.models import FormPage, Submission
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

INVENTORY = Path(__file__).resolve().parents[2] / "docs" / "where-pages-appear.md"
LANGUAGES = ("en", "es")
PASSWORD = "members only"


def in_language(model, language, slug=None):
    """The page of `model` in `language` (the translation of the English one at `slug`)."""
    pages = model.objects.filter(locale__language_code=language)
    if slug is None:
        return pages.get()
    return pages.get(
        translation_key=model.objects.get(locale__language_code="en", slug=slug).translation_key
    )


def translations(page):
    return list(Page.objects.filter(translation_key=page.translation_key).specific())


@pytest.fixture
def restricted():
    """The restricted pages and all their translations."""
    partner = in_language(PartnerPage, "en", slug="demo-partner-health-departments-alliance")
    meeting = in_language(EventPage, "en", slug="peer-learning-meeting-2023-07-24")
    about = in_language(StandardPage, "en", slug="about")
    form = in_language(FormPage, "es", slug="register")
    for page in (partner, meeting, about, form):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
        )
    return [copy for page in (partner, meeting, about, form) for copy in translations(page)]


def needles(pages):
    """What would give a restricted page away: its title, slug and address."""
    found = set()
    for page in pages:
        found |= {page.title, page.url}
        if isinstance(page, PartnerPage):
            found.add(f'value="{page.slug}"')  # a library filter option
    return found


def readable(response):
    """The body as a visitor's software reads it (iCalendar lines unfolded and unescaped)."""
    text = b"".join(response).decode() if response.streaming else response.content.decode()
    return text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")


# Each surface: a function of (client, language) returning the responses to read.


def landing(client, language):
    return [client.get(f"/{language}/")]


def content_page(client, language):
    return [client.get(in_language(StandardPage, language, slug="privacy").url)]


def library(client, language):
    return [client.get(in_language(ResourceIndexPage, language).url)]


def library_by_publisher(client, language):
    url = in_language(ResourceIndexPage, language).url
    slug = "demo-partner-health-departments-alliance"
    return [client.get(url, {"partner": slug}), client.get(url, {"q": "Alliance"})]


def library_feed(client, language):
    return [client.get(in_language(ResourceIndexPage, language).url + "feed/")]


def resource_pages(client, language):
    # Published by the restricted partner; a material of the restricted meeting and another.
    slugs = [
        "demo-declarations-of-racism-as-a-public-health-crisis-tracker",
        "demo-from-declaration-to-action",
    ]
    # Not translated: Spanish visitors are shown the English page at the Spanish address.
    library_url = in_language(ResourceIndexPage, language).url
    return [client.get(f"{library_url}{slug}/") for slug in slugs]


def partner_directory(client, language):
    return [client.get(in_language(PartnerIndexPage, language).url)]


def partner_pages(client, language):
    return [client.get(page.url) for page in PartnerPage.objects.live().public()]


def community(client, language):
    url = in_language(EventIndexPage, language).url
    return [client.get(url), client.get(url, {"year": 2023})]


def meetings(client, language):
    return [client.get(page.url) for page in EventPage.objects.live().public()[:6]]


def calendar_feed(client, language):
    return [client.get(in_language(EventIndexPage, language).url + "ical/")]


def search(client, language):
    terms = ["Alliance", "July 2023", "Collaborative", "Register", "Equity Aliance"]
    return [client.get(f"/{language}/search/", {"q": term}) for term in terms]


def sitemaps(client, language):
    return [client.get("/sitemap.xml"), client.get(f"/sitemap-{language}.xml")]


def api_listings(client, language):
    return [
        client.get("/api/v2/pages/", {"locale": language, "limit": 50, "offset": offset})
        for offset in range(0, Page.objects.count(), 50)
    ] + [
        client.get("/api/v2/pages/", {"locale": language, "search": "Alliance"}),
        client.get(
            "/api/v2/pages/",
            {"type": "resources.ResourcePage", "locale": language, "fields": "*", "limit": 50},
        ),
    ]


def api_details(client, language):
    pages = [
        in_language(HomePage, language),
        in_language(EventIndexPage, language),
        *ResourcePage.objects.filter(locale__language_code=language),
        *EventPage.objects.filter(locale__language_code=language).live().public(),
    ]
    return [client.get(f"/api/v2/pages/{page.pk}/") for page in pages]


SURFACES = {
    "landing page": landing,
    "menu and footer": content_page,
    "library": library,
    "library filters": library_by_publisher,
    "library feed": library_feed,
    "resource pages": resource_pages,
    "partner directory": partner_directory,
    "partner pages": partner_pages,
    "community page": community,
    "meeting pages": meetings,
    "calendar feed": calendar_feed,
    "search": search,
    "sitemaps": sitemaps,
    "API listings": api_listings,
    "API details": api_details,
}


def test_the_inventory_is_the_list_walked():
    rows = re.findall(r"^\| ([^|]+?) \|", INVENTORY.read_text(), flags=re.MULTILINE)
    walked = [row for row in rows if row not in ("where", "---")]
    # The last two have tests of their own below.
    assert set(walked) == set(SURFACES) | {"the page's own address", "emails"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("surface", SURFACES)
def test_no_surface_names_a_restricted_page(client, restricted, surface, language):
    hidden = needles(restricted)
    responses = SURFACES[surface](client, language)
    assert responses
    for response in responses:
        assert response.status_code in (200, 401, 404), (surface, response.status_code)
        body = readable(response)
        shown = sorted(needle for needle in hidden if needle in body)
        assert not shown, (surface, response.request["PATH_INFO"], shown)


def test_the_surfaces_show_what_is_public(client, restricted):
    """The walk reads pages that name other pages: the public ones still show."""
    body = readable(client.get("/en/resources/"))
    assert "Community Health Equity Institute (demo partner)" in body
    tracker = in_language(
        ResourcePage, "en", slug="demo-declarations-of-racism-as-a-public-health-crisis-tracker"
    )
    body = readable(client.get(tracker.url))
    assert "Peer Learning Community launch" in body


def test_a_private_page_asked_for_by_address_names_nothing(client, restricted):
    for page in restricted:
        response = client.get(page.url)
        assert response.status_code == 200
        assert "<form" in readable(response)
        assert page.title not in readable(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restriction_covers_the_translation_until_its_password_is_given(
    client, restricted, language
):
    meeting = next(
        page
        for page in restricted
        if isinstance(page, EventPage) and page.locale.language_code == language
    )
    response = client.get(meeting.url)
    assert meeting.title not in readable(response)
    restriction = PageViewRestriction.objects.get(page__translation_key=meeting.translation_key)
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, meeting.pk]),
        {"password": PASSWORD, "return_url": meeting.url},
    )
    assert meeting.title in readable(client.get(meeting.url))


def test_a_restricted_form_takes_no_submission_and_sends_no_email(client, restricted):
    for form in (page for page in restricted if isinstance(page, FormPage)):
        before = Submission.objects.count()
        response = client.post(f"/api/v2/forms/{form.pk}/", {}, content_type="application/json")
        assert response.status_code == 404
        assert Submission.objects.count() == before
    assert mail.outbox == []


def test_the_privacy_dialog_of_a_translation_names_the_page_holding_the_restriction(
    admin_client, restricted
):
    spanish = next(
        page
        for page in restricted
        if isinstance(page, PartnerPage) and page.locale.language_code == "es"
    )
    english = next(
        page
        for page in restricted
        if isinstance(page, PartnerPage) and page.locale.language_code == "en"
    )
    response = admin_client.get(reverse("wagtailadmin_pages:set_privacy", args=[spanish.pk]))
    assert response.status_code == 200
    dialog = readable(response)
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in dialog
