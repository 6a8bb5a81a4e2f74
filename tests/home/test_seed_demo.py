"""The `seed_demo` command: the real CARE landing-page text (shared/content/
care-landing-page.txt) on a working English and Spanish site, safe to run again.

Seeding takes a few seconds, so the module seeds once inside a transaction that is rolled back
when the module ends; each test runs in its own savepoint on top of it."""

import datetime
import io
import re
from pathlib import Path

from django.test import TestCase
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Site

import pytest

from events.models import EventIndexPage, EventPage
from forms.models import FormField, FormPage
from forms.models import Submission as FormSubmission
from home.models import HomePage
from home.seed import content, spanish
from partners.models import PartnerPage
from resources.models import ResourcePage, ResourceType, Topic
from tests.forms.support import filled
from tests.helpers import collapse, run_seed_demo, soup, visible_text

# The landing-page text, word for word (doubled spaces in the source are single here).
INTRO = (
    "This Collaborative started as a group of partners all working to understand and support "
    "the movement to address racism as a public health crisis. Over the past year, it has "
    "evolved and expanded, connecting partners who are advancing health and racial equity "
    "through research, communication, policy, advocacy, and the development of resources and "
    "frameworks. This is a space for anyone engaging in health equity, racial equity, and "
    "anti-racism work to access essential resources to inform your work, whether you are just "
    "starting out or are further along in your journey."
)
COMMUNITY_HEADING = "Share Your Voice: Join the Peer Learning Community"
COMMUNITY_TEXT = (
    "The Anti-Racism in Public Health Peer Learning Community launched in January 2023. Be a "
    "part of the community and connect with other public health practitioners, community "
    "organizers, health departments, and other partners to share, learn, and grow in the work "
    "around declarations of racism as a public health crisis. Register at the link to be "
    "informed about future meeting dates."
)
FEATURED = {
    "Overview of State and Local Equity Offices": (
        "This resource from the Network for Public Health Law details examples of city and "
        "county equity offices in twelve states, including their structure, duties, and "
        "responsibilities. These offices vary in structure and scope but provide the "
        "infrastructure necessary to advance anti-racism and equity in practice. Readers can "
        "also share examples of offices in other jurisdictions via a linked form."
    ),
    "CEO Action for Racial Equity Video: Social Determinants of Health": (
        "Learn about how differences across the social determinants of health (SDOH) – or the "
        "factors that shape our living and work environments – can shape how we survive and "
        "thrive. These differences can lead to worse health outcomes for historically "
        "marginalized communities, especially Black Americans, but we have opportunities to "
        "address these outcomes through clear and targeted policies rooted in equity."
    ),
    "2023 County Health Rankings National Findings Report": (
        "This year’s report focuses on the connection between civic health and thriving people "
        "and places. Civic health includes two elements – civic infrastructure and civic "
        "participation. It starts in our local communities and is the cornerstone of our "
        "democracy, representing promise, opportunity, belonging and shared responsibility. "
        "Civic infrastructure varies in regions of the US that have faced longstanding "
        "discrimination and disinvestment."
    ),
}
SUGGEST_HEADING = "Suggest Resources to Share"
SUGGEST_TEXT = (
    "The Collaborative wants to uplift examples of work being done to advance health and racial "
    "equity. Let us know about laws, policies, best practices, or research to highlight."
)
IMAGE_ALT = "A multi-ethnic, multi generational group openly discusses issues in their community."
PARTNERS_HEADING = "Collaborative Partners"
PARTNERS_TEXT = (
    "Learn more about each of the Collaborative’s Core Partners and find key resources "
    "developed by each partner to advance health equity, racial equity, and anti-racism action."
)
CONNECT_HEADING = "Connect with Us"
CONNECT_TEXT = (
    "Connect with the collaborative by submitting a question, sharing an idea, suggesting a "
    "law, policy, or best practice, or by joining the learning community."
)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def counts():
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "landing pages": HomePage.objects.count(),
        "events": EventPage.objects.count(),
        "resources": ResourcePage.objects.count(),
        "partners": PartnerPage.objects.count(),
        "forms": FormPage.objects.count(),
        "form fields": FormField.objects.count(),
        "submissions": FormSubmission.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "resource types": ResourceType.objects.count(),
        "sites": Site.objects.count(),
    }


def test_seeding_again_duplicates_nothing():
    before = counts()
    output = io.StringIO()
    run_seed_demo(stdout=output)
    assert counts() == before
    assert "nothing to add" in output.getvalue()


def test_seed_builds_a_site_in_two_languages():
    found = counts()
    assert found["landing pages"] == 2
    assert found["forms"] >= 3 * 2  # suggest, connect, register, in English and Spanish
    assert found["resources"] >= 3 * 2
    assert found["sites"] == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(depth=2).exclude(content_type__model="homepage").exists()


@pytest.fixture
def english_home(client):
    response = client.get("/en/")
    assert response.status_code == 200
    return response


def test_english_landing_page_shows_the_care_text(english_home):
    text = visible_text(english_home)
    for expected in [
        "Collaborative for Anti-Racism & Equity (CARE)",
        INTRO,
        COMMUNITY_HEADING,
        COMMUNITY_TEXT,
        "Featured Resources",
        SUGGEST_HEADING,
        SUGGEST_TEXT,
        PARTNERS_HEADING,
        PARTNERS_TEXT,
        CONNECT_HEADING,
        CONNECT_TEXT,
    ]:
        assert collapse(expected) in text, expected


def test_english_landing_page_features_the_three_resources(english_home):
    text = visible_text(english_home)
    positions = []
    for title, description in FEATURED.items():
        assert title in text, title
        assert collapse(description) in text, title
        positions.append(text.index(title))
    assert positions == sorted(positions), "featured resources are not in the source's order"


def test_english_landing_page_shows_the_photo_with_its_alt_text(english_home):
    alts = [collapse(img.get("alt", "")) for img in soup(english_home).find_all("img")]
    assert IMAGE_ALT in alts


def test_the_spanish_landing_page_describes_its_pictures_in_spanish(client):
    """An image has one alt text; the page's own, translated with it, is what Spanish readers
    hear, and the API gives the same."""
    page = soup(client.get("/es/"))
    alts = {collapse(img.get("alt", "")) for img in page.select("main img")}
    for key in ("hero_image_alt", "image_alt"):
        assert collapse(spanish.CATALOGUE[content.HOME[key]]) in alts
        assert collapse(content.HOME[key]) not in alts
    home = HomePage.objects.get(locale__language_code="es")
    api = client.get(f"/api/v2/pages/{home.pk}/").json()
    assert api["hero_image"]["alt"] == spanish.CATALOGUE[content.HOME["hero_image_alt"]]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_landing_page_opens_with_the_heading_then_the_picture_editors_chose(client, language):
    hero = soup(client.get(f"/{language}/")).select_one("main .hero")
    heading, picture = hero.find("h1"), hero.find("img")
    assert heading and picture
    assert heading.find_next("img") is picture, "the picture comes after the heading"
    english_alt = content.HOME["hero_image_alt"]
    expected = english_alt if language == "en" else spanish.CATALOGUE[english_alt]
    assert collapse(picture["alt"]) == collapse(expected)
    assert picture["width"] and picture["height"]
    home = HomePage.objects.get(locale__language_code=language)
    assert home.hero_image.title == "Community network"
    assert picture["src"] in {rendition.url for rendition in home.hero_image.renditions.all()}


def test_english_landing_page_sections_come_in_the_source_order(english_home):
    main = soup(english_home).find("main")
    headings = [collapse(h.get_text()) for h in main.find_all(["h1", "h2"])]
    assert headings == [
        "Collaborative for Anti-Racism & Equity (CARE)",
        COMMUNITY_HEADING,
        "Featured Resources",
        SUGGEST_HEADING,
        PARTNERS_HEADING,
        CONNECT_HEADING,
    ]


def test_next_meeting_sentence_shows_a_future_date(english_home):
    text = visible_text(english_home)
    match = re.search(r"The next meeting is ([A-Z][a-z]+ \d{1,2}, \d{4})\.", text)
    assert match, "no next-meeting sentence with a date"
    date = datetime.datetime.strptime(match.group(1), "%B %d, %Y").date()
    assert date >= timezone.localdate()
    community = EventIndexPage.objects.get(locale__language_code="en")
    soonest = (
        EventPage.objects.child_of(community)
        .live()
        .filter(start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    assert soonest is not None
    assert date == timezone.localtime(soonest.start).date()


def test_landing_page_links_lead_to_the_forms_and_partners(client, english_home):
    hrefs = {a["href"] for a in soup(english_home).find_all("a") if a.get("href")}
    forms = FormPage.objects.filter(locale__language_code="en")
    for form in forms:
        if form.slug in {"suggest-a-resource", "connect-with-us", "register"}:
            assert form.url in hrefs, form.slug
    partners = PartnerPage.objects.filter(locale__language_code="en").live()
    assert partners.exists()
    for partner in partners:
        assert partner.url in hrefs, partner.title


def test_spanish_landing_page_is_served_in_spanish(client):
    response = client.get("/es/")
    assert response.status_code == 200
    document = soup(response)
    assert document.html.get("lang") == "es"
    text = visible_text(response)
    assert "Colaborativo para el Antirracismo y la Equidad (CARE)" in text
    assert "Este Colaborativo comenzó como un grupo de socios" in text
    assert "Recursos destacados" in text
    assert INTRO not in text
    assert re.search(r"La próxima reunión es el \d{1,2} de [a-z]+ de \d{4}", text), (
        "no Spanish next-meeting sentence with a Spanish date"
    )
    home = HomePage.objects.get(locale__language_code="es")
    assert response.context["page"].pk == home.pk


def test_every_seeded_page_returns_200(client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() > 20
    failures = []
    for page in pages:
        url = page.url
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
    assert failures == [], "\n".join(f"{url} {code}" for url, code in failures)


def test_seeded_forms_accept_a_submission(client, mailoutbox):
    form = FormPage.objects.get(locale__language_code="en", slug="connect-with-us")
    response = client.get(form.url)
    assert response.status_code == 200
    answers = {
        "your_name": "Ada Lovelace",
        "email_address": "ada@example.org",
        "what_is_it_about": "A question",
        "message": "How do I join?",
    }
    # Forms carry a spam timer and a consent box; emails go after the commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(form.url, filled(form, answers))
    assert response.status_code == 200
    assert "Thank you for getting in touch." in visible_text(response)
    assert FormSubmission.objects.get(page=form).form_data == answers
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("language", "privacy", "accessibility", "first_heading"),
    [
        ("en", "Privacy notice", "Accessibility", "What we collect"),
        ("es", "Aviso de privacidad", "Accesibilidad", "Qué recogemos"),
    ],
)
def test_the_footer_leads_to_the_privacy_notice_and_accessibility_statement(
    client, language, privacy, accessibility, first_heading
):
    footer = soup(client.get(f"/{language}/")).find("footer")
    links = {collapse(link.get_text()): link["href"] for link in footer.find_all("a")}

    notice = client.get(links[privacy])
    statement = client.get(links[accessibility])

    assert notice.status_code == statement.status_code == 200
    assert first_heading in [collapse(h.get_text()) for h in soup(notice).find_all("h2")]
    assert "(WCAG) 2.2" in visible_text(statement)
    assert notice["Content-Language"] == statement["Content-Language"] == language


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_seeded_form_links_the_privacy_notice_in_its_language(client, language):
    notice = Page.objects.get(locale__language_code=language, depth=3, slug__startswith="priva")
    for form in FormPage.objects.live().filter(locale__language_code=language):
        consent = soup(client.get(form.url)).find("input", attrs={"name": "care_consent"})
        link = consent.find_parent(class_="form-field").find("a")
        assert link["href"] == notice.url, form.url


def test_no_seeded_page_repeats_its_summary_word_for_word(client):
    """The summary is the lead under a page's title; the demo content never copies it into the
    body, so a visitor reads it once."""
    repeated = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        page_soup = soup(client.get(page.url))
        lead = page_soup.select_one("main .lead")
        if lead is None:
            continue
        summary = collapse(lead.get_text())
        times = collapse(page_soup.find("main").get_text(" ")).count(summary)
        if times != 1:
            repeated.append(f"{page.url}: {times} times")
    assert repeated == []


def test_demo_partners_show_logos_drawn_for_the_site_and_the_real_partner_none():
    """A real organisation's logo is its own to give: the demo draws logos only for the
    partners it made up, from the SVG sources in home/demo_assets/partner-logos."""
    for spec in content.PARTNERS:
        partner = PartnerPage.objects.get(locale__language_code="en", slug=spec["slug"])
        if spec["logo"] is None:
            assert partner.logo is None, spec["title"]
            continue
        assert partner.logo.file.name.endswith(".png")
        source = Path(content.__file__).parent.parent / "demo_assets" / "partner-logos"
        assert (source / spec["logo"].replace(".png", ".svg")).is_file()
        assert partner.logo.description  # alt text for where the name is not beside it
