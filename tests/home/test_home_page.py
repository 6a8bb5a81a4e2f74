"""The landing page and standard pages: where they go in the tree, creating them in the admin,
what visitors see, and the landing page's own logic (featured resources, the next meeting)."""

import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import time_machine

from care_site.base import view_restrictions
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from forms.factories import FormPageFactory
from forms.models import FormPage
from home.factories import ImageFactory, StandardPageFactory
from home.models import HomePage, HomePageFeaturedPartner, HomePageFeaturedResource, StandardPage
from partners.factories import PartnerPageFactory
from partners.models import PartnerIndexPage, PartnerPage
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from resources.models import ResourceIndexPage, ResourcePage
from tests.helpers import collapse, soup, visible_text

NEW_YORK = ZoneInfo("America/New_York")


def creatable(models):
    return {model for model in models if model.is_creatable}


def link_form_value(label, url):
    """A LinkBlock as the admin form posts it."""
    return {"label": label, "page": "", "external_url": url}


def link_value(label, page):
    """A LinkBlock value for a StreamField assigned in Python."""
    return {"label": label, "page": page, "external_url": ""}


# Tree rules ---------------------------------------------------------------------------------


def test_landing_page_lives_only_at_the_root(page_asserts):
    page_asserts.assertAllowedParentPageTypes(HomePage, {Page})
    page_asserts.assertCanNotCreateAt(HomePage, HomePage)
    page_asserts.assertCanNotCreateAt(StandardPage, HomePage)


def test_landing_page_holds_the_sections_of_the_site():
    assert creatable(HomePage.allowed_subpage_models()) == {
        StandardPage,
        ResourceIndexPage,
        PartnerIndexPage,
        EventIndexPage,
        FormPage,
    }
    # Detail pages belong under their index, never directly under the landing page.
    for model in (ResourcePage, PartnerPage, EventPage):
        assert model not in HomePage.allowed_subpage_models()


def test_one_landing_page_and_one_of_each_index_per_parent(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)
    assert ResourceIndexPage.can_create_at(home_page)
    ResourceIndexPageFactory(parent=home_page)
    assert not ResourceIndexPage.can_create_at(home_page)
    # Several standard pages are fine.
    StandardPageFactory(parent=home_page)
    assert StandardPage.can_create_at(home_page)


def test_standard_page_tree_rules(page_asserts):
    page_asserts.assertCanCreateAt(HomePage, StandardPage)
    page_asserts.assertCanCreateAt(StandardPage, StandardPage)
    for index in (ResourceIndexPage, PartnerIndexPage, EventIndexPage, FormPage):
        page_asserts.assertCanNotCreateAt(index, StandardPage)
    assert creatable(StandardPage.allowed_subpage_models()) == {StandardPage, FormPage}


# Creating pages in the admin ----------------------------------------------------------------

ADMIN_HOME = {
    "title": "Collaborative for Anti-Racism & Equity",
    "slug": "care-home",
    "intro": rich_text("<p>A space for anyone engaging in anti-racism work.</p>"),
    "community_heading": "Share Your Voice",
    "community_text": rich_text("<p>Join the community.</p>"),
    "register_link": streamfield([]),
    "next_meeting_intro": "The next meeting is",
    "no_meeting_text": "Dates soon.",
    "featured_heading": "Featured Resources",
    "featured_resources": inline_formset([]),
    "featured_partners": inline_formset([]),
    "suggest_heading": "Suggest Resources to Share",
    "suggest_text": rich_text("<p>Tell us.</p>"),
    "suggest_link": streamfield([]),
    "partners_heading": "Collaborative Partners",
    "partners_text": rich_text("<p>Our partners.</p>"),
    "partners_link_label": "Meet our partners",
    "connect_heading": "Connect with Us",
    "connect_text": rich_text("<p>Write to us.</p>"),
    "connect_link": streamfield([]),
}


@pytest.mark.django_db
def test_admin_creates_a_landing_page(page_asserts):
    root = Page.get_first_root_node()
    data = dict(ADMIN_HOME)
    data["connect_link"] = streamfield(
        [("link", link_form_value("Write to us", "https://example.org/contact"))]
    )
    page_asserts.assertCanCreate(root, HomePage, nested_form_data(data))
    page = HomePage.objects.get(slug="care-home")
    assert page.live
    assert "A space for anyone engaging in anti-racism work." in page.intro
    assert page.connect_link[0].value.url == "https://example.org/contact"


@pytest.mark.django_db
def test_admin_creates_a_landing_page_with_featured_resources(
    page_asserts, resource_index, monkeypatch
):
    first = ResourcePageFactory(parent=resource_index, title="First pick")
    second = ResourcePageFactory(parent=resource_index, title="Second pick")
    root = Page.get_first_root_node()
    # Resources need a landing page above them, which fills the root's one slot for landing
    # pages; lift the limit for this test only, it is checked in its own test.
    monkeypatch.setattr(HomePage, "max_count_per_parent", None)
    data = dict(ADMIN_HOME)
    data["featured_resources"] = inline_formset([{"resource": second.pk}, {"resource": first.pk}])
    page_asserts.assertCanCreate(root, HomePage, nested_form_data(data))
    page = HomePage.objects.get(slug="care-home")
    assert [pick.resource_id for pick in page.featured_resources.all()] == [second.pk, first.pk]


@pytest.mark.django_db
def test_admin_creates_a_standard_page(page_asserts, home_page):
    data = nested_form_data(
        {
            "title": "About the Collaborative",
            "slug": "about",
            "summary": "Who we are.",
            "body": streamfield(
                [
                    ("heading", {"text": "Our history", "level": "h2"}),
                    ("paragraph", rich_text("<p>It started with a group of partners.</p>")),
                ]
            ),
        }
    )
    page_asserts.assertCanCreate(home_page, StandardPage, data)
    page = StandardPage.objects.child_of(home_page).get(slug="about")
    assert [block.block_type for block in page.body] == ["heading", "paragraph"]
    assert page.body[0].value["text"] == "Our history"
    assert "It started with a group of partners." in page.body[1].value.source


@pytest.mark.django_db
def test_admin_refuses_a_standard_page_without_a_body(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    data = nested_form_data({"title": "Empty", "slug": "empty", "body": streamfield([])})
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="empty").exists()


# What visitors see ------------------------------------------------------------------------------


@pytest.fixture
def full_home(home_page, resource_index, partner_index, event_index):
    """The landing page with every section filled in."""
    suggest = FormPageFactory(parent=home_page, title="Suggest a resource", slug="suggest")
    connect = FormPageFactory(parent=home_page, title="Connect with us", slug="connect")
    register = FormPageFactory(parent=home_page, title="Register", slug="register")
    picks = [
        ResourcePageFactory(
            parent=resource_index,
            title="Overview of State and Local Equity Offices",
            summary="Examples of city and county equity offices in twelve states.",
        ),
        ResourcePageFactory(
            parent=resource_index,
            title="2023 County Health Rankings National Findings Report",
            summary="This year’s report focuses on civic health.",
        ),
    ]
    for order, resource in enumerate(picks):
        home_page.featured_resources.add(
            HomePageFeaturedResource(resource=resource, sort_order=order)
        )
    partner = PartnerPageFactory(
        parent=partner_index,
        title="Network for Public Health Law",
        logo=ImageFactory(description="Network for Public Health Law"),
    )
    home_page.featured_partners.add(HomePageFeaturedPartner(partner=partner, sort_order=0))
    home_page.feature_image = ImageFactory(
        description="A multi-ethnic, multi generational group openly discusses issues."
    )
    home_page.partners_page = partner_index
    home_page.community_page = event_index
    home_page.register_link = [("link", link_value("Register for meetings", register))]
    home_page.suggest_link = [("link", link_value("Suggest a resource", suggest))]
    home_page.connect_link = [("link", link_value("Connect with us", connect))]
    home_page.save()
    return home_page


def links(response):
    return {(a.get("href"), collapse(a.get_text())) for a in soup(response).find_all("a")}


@pytest.mark.django_db
def test_landing_page_shows_every_section(client, full_home):
    response = client.get("/en/")
    assert response.status_code == 200
    text = visible_text(response)
    for expected in [
        "Collaborative for Anti-Racism & Equity (CARE)",
        "A space for anyone engaging in health equity and anti-racism work.",
        "Share Your Voice: Join the Peer Learning Community",
        "Connect with other public health practitioners.",
        "Featured Resources",
        "Overview of State and Local Equity Offices",
        "Examples of city and county equity offices in twelve states.",
        "2023 County Health Rankings National Findings Report",
        "This year’s report focuses on civic health.",
        "Suggest Resources to Share",
        "Let us know about laws, policies, best practices, or research.",
        "Collaborative Partners",
        "Learn more about each of the Collaborative's Core Partners.",
        "Connect with Us",
        "Connect with the collaborative.",
    ]:
        assert expected in text, expected
    alts = [img.get("alt") for img in soup(response).find_all("img")]
    assert "A multi-ethnic, multi generational group openly discusses issues." in alts
    assert "Network for Public Health Law" in alts or "Network for Public Health Law" in text
    found = links(response)
    assert ("/en/register/", "Register for meetings") in found
    assert ("/en/suggest/", "Suggest a resource") in found
    assert ("/en/connect/", "Connect with us") in found
    assert ("/en/partners/", "Meet our partners") in found
    hrefs = {href for href, _ in found}
    for pick in full_home.featured_resources.all():
        assert pick.resource.url in hrefs


@pytest.mark.django_db
def test_landing_page_lists_featured_resources_in_the_editors_order(client, full_home):
    text = visible_text(client.get("/en/"))
    assert text.index("Overview of State and Local Equity Offices") < text.index(
        "2023 County Health Rankings National Findings Report"
    )


@pytest.mark.django_db
def test_landing_page_is_served_at_the_english_prefix(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    assert soup(response).html.get("lang") == "en"
    assert response.context["page"].pk == home_page.pk


@pytest.mark.django_db
def test_spanish_landing_page_is_served_at_the_spanish_prefix(client, home_page, spanish):
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.title = "Colaborativo para el Antirracismo y la Equidad"
    spanish_home.community_heading = "Comparta su voz"
    spanish_home.save_revision().publish()
    response = client.get("/es/")
    assert response.status_code == 200
    assert soup(response).html.get("lang") == "es"
    text = visible_text(response)
    assert "Colaborativo para el Antirracismo y la Equidad" in text
    assert "Comparta su voz" in text


@pytest.mark.django_db
def test_standard_page_renders_its_blocks(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Privacy",
        slug="privacy",
        body=[
            ("heading", {"text": "What we collect", "level": "h2"}),
            ("paragraph", "<p>Only what you send us in a form.</p>"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    document = soup(response)
    assert "Privacy" in collapse(document.find("h1").get_text())
    assert any(collapse(h.get_text()) == "What we collect" for h in document.find_all("h2"))
    assert "Only what you send us in a form." in visible_text(response)


@pytest.mark.django_db
def test_landing_page_queries_do_not_grow_with_its_content(
    client, full_home, resource_index, partner_index, django_assert_max_num_queries
):
    """The landing page lists featured resources and partner logos; each list must be fetched
    in a fixed number of queries, or a site with many partners slows down with every one added
    (an N+1 query). Render once to build image renditions, count, then add more and compare."""
    client.get("/en/")  # renditions are created on the first view
    with CaptureQueriesContext(connection) as baseline:
        client.get("/en/")
    baseline_count = len(baseline)  # read now: the next request clears the query log
    for number in range(4):
        resource = ResourcePageFactory(parent=resource_index, title=f"More {number}")
        full_home.featured_resources.add(
            HomePageFeaturedResource(resource=resource, sort_order=10 + number)
        )
        PartnerPageFactory(
            parent=partner_index,
            title=f"Partner more {number}",
            logo=ImageFactory(description=f"Partner more {number}"),
        )
    full_home.save()
    client.get("/en/")
    with django_assert_max_num_queries(baseline_count):
        response = client.get("/en/")
    assert "More 3" in visible_text(response)


# Landing page logic ------------------------------------------------------------------------


@pytest.mark.django_db
def test_featured_resources_keep_the_editors_order_and_skip_unpublished(home_page, resource_index):
    first = ResourcePageFactory(parent=resource_index, title="A")
    draft = ResourcePageFactory(parent=resource_index, title="B", live=False)
    last = ResourcePageFactory(parent=resource_index, title="C")
    for order, resource in enumerate([last, draft, first]):
        home_page.featured_resources.add(
            HomePageFeaturedResource(resource=resource, sort_order=order)
        )
    home_page.save()
    page = HomePage.objects.get(pk=home_page.pk)
    assert [resource.pk for resource in page.featured_resource_pages] == [last.pk, first.pk]


@pytest.mark.django_db
def test_featured_pages_are_read_with_the_editors_rows(home_page, resource_index):
    """The rows and the pages they choose in one query (then the pictures' renditions), for
    the first visitor after a change, who builds every query."""
    for order in range(3):
        resource = ResourcePageFactory(parent=resource_index)
        home_page.featured_resources.add(
            HomePageFeaturedResource(resource=resource, sort_order=order)
        )
    home_page.save()
    page = HomePage.objects.get(pk=home_page.pk)
    view_restrictions.restricted_paths()  # known already when a page is served
    with CaptureQueriesContext(connection) as queries:
        assert len(page.featured_resource_pages) == 3
    reads = [q["sql"] for q in queries if "resources_resourcepage" in q["sql"]]
    assert len(reads) == 1, reads
    assert "home_homepagefeaturedresource" in reads[0] and "resources_resourcepage" in reads[0]


@pytest.mark.django_db
def test_featured_resources_empty_when_none_picked(home_page):
    assert HomePage.objects.get(pk=home_page.pk).featured_resource_pages == []


@pytest.mark.django_db
def test_spanish_landing_page_features_the_spanish_translations(home_page, resource_index, spanish):
    picks = [ResourcePageFactory(parent=resource_index) for _ in range(2)]
    for order, resource in enumerate(reversed(picks)):
        home_page.featured_resources.add(
            HomePageFeaturedResource(resource=resource, sort_order=order)
        )
    home_page.save()
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.save_revision().publish()
    translations = []
    for resource in picks:
        translated = resource.copy_for_translation(spanish, copy_parents=True)
        translated.save_revision().publish()
        translations.append(translated)
    spanish_home = HomePage.objects.get(pk=spanish_home.pk)
    assert [page.pk for page in spanish_home.featured_resource_pages] == [
        translations[1].pk,
        translations[0].pk,
    ]


@pytest.fixture
def community(home_page, event_index):
    home_page.community_page = event_index
    home_page.save()
    return event_index


def fresh(page):
    """The page as a request would load it (cached properties empty)."""
    return type(page).objects.get(pk=page.pk)


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_next_meeting_is_the_soonest_upcoming_event(home_page, community):
    EventPageFactory(parent=community, start=datetime.datetime(2023, 6, 26, 13, tzinfo=NEW_YORK))
    later = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 8, 28, 13, tzinfo=NEW_YORK)
    )
    soonest = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 10, 13, tzinfo=NEW_YORK), live=False
    )
    assert fresh(home_page).next_meeting.pk == soonest.pk
    assert later.pk != soonest.pk


@pytest.mark.django_db
def test_the_kept_next_meeting_moves_on_when_it_ends(home_page, community):
    """The next meeting is kept in the content cache, but a meeting that has ended is never
    shown, though no content changed."""
    first = EventPageFactory(
        parent=community,
        start=datetime.datetime(2023, 7, 10, 13, tzinfo=NEW_YORK),
        end=datetime.datetime(2023, 7, 10, 14, tzinfo=NEW_YORK),
    )
    second = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    with time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False):
        assert fresh(home_page).next_meeting.pk == first.pk
        with CaptureQueriesContext(connection) as queries:
            assert fresh(home_page).next_meeting.pk == first.pk
        assert not any("events_eventpage" in query["sql"] for query in queries.captured_queries)
    with time_machine.travel(datetime.datetime(2023, 7, 10, 14, 1, tzinfo=NEW_YORK), tick=False):
        assert fresh(home_page).next_meeting.pk == second.pk


@pytest.mark.django_db
def test_next_meeting_counts_an_event_starting_right_now(home_page, community):
    with time_machine.travel(datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK), tick=False):
        now = EventPageFactory(
            parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
        )
        assert fresh(home_page).next_meeting.pk == now.pk


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_next_meeting_ignores_events_of_other_event_pages(home_page, community):
    other = EventIndexPageFactory(parent=home_page, title="Other events", slug="other-events")
    EventPageFactory(parent=other, start=datetime.datetime(2023, 7, 2, 13, tzinfo=NEW_YORK))
    mine = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    assert fresh(home_page).next_meeting.pk == mine.pk


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_next_meeting_is_none_when_only_past_events(home_page, community):
    EventPageFactory(parent=community, start=datetime.datetime(2023, 6, 26, 13, tzinfo=NEW_YORK))
    assert fresh(home_page).next_meeting is None


@pytest.mark.django_db
def test_next_meeting_is_none_without_events(home_page, community):
    assert fresh(home_page).next_meeting is None


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_next_meeting_is_in_the_landing_pages_language(home_page, community, english, spanish):
    event = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.save_revision().publish()
    spanish_event = event.copy_for_translation(spanish, copy_parents=True)
    spanish_event.save_revision().publish()

    assert fresh(home_page).next_meeting.pk == event.pk
    spanish_next = fresh(spanish_home).next_meeting
    assert spanish_next.pk == spanish_event.pk
    assert spanish_next.locale_id == spanish.pk


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_a_spanish_only_meeting_is_not_the_english_next_meeting(home_page, community, spanish):
    english_event = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.save_revision().publish()
    spanish_community = community.copy_for_translation(spanish)
    spanish_community.save_revision().publish()
    spanish_only = EventPageFactory(
        parent=spanish_community, start=datetime.datetime(2023, 7, 10, 13, tzinfo=NEW_YORK)
    )

    assert fresh(home_page).next_meeting.pk == english_event.pk
    assert fresh(spanish_home).next_meeting.pk == spanish_only.pk


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_landing_page_shows_the_next_meeting_date(client, home_page, community):
    # 9 pm in New York is already July 25 in UTC: the page must show the local date.
    EventPageFactory(parent=community, start=datetime.datetime(2023, 7, 24, 21, tzinfo=NEW_YORK))
    text = visible_text(client.get("/en/"))
    assert "The next meeting is July 24, 2023" in text
    assert home_page.no_meeting_text not in text


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_spanish_landing_page_writes_the_date_in_spanish(client, home_page, community, spanish):
    event = EventPageFactory(
        parent=community, start=datetime.datetime(2023, 7, 24, 13, tzinfo=NEW_YORK)
    )
    spanish_home = home_page.copy_for_translation(spanish)
    spanish_home.next_meeting_intro = "La próxima reunión es el"
    spanish_home.save_revision().publish()
    event.copy_for_translation(spanish, copy_parents=True).save_revision().publish()
    text = visible_text(client.get("/es/"))
    assert "La próxima reunión es el 24 de julio de 2023" in text


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_landing_page_uses_the_editors_words_before_the_date(client, home_page, community):
    home_page.next_meeting_intro = "Our next gathering:"
    home_page.save()
    EventPageFactory(parent=community, start=datetime.datetime(2023, 9, 5, 13, tzinfo=NEW_YORK))
    assert "Our next gathering: September 5, 2023" in visible_text(client.get("/en/"))


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2023, 7, 1, 12, tzinfo=NEW_YORK), tick=False)
def test_landing_page_says_when_no_meeting_is_scheduled(client, home_page, community):
    EventPageFactory(parent=community, start=datetime.datetime(2023, 6, 26, 13, tzinfo=NEW_YORK))
    text = visible_text(client.get("/en/"))
    assert "New meeting dates will be announced soon." in text
    assert "The next meeting is" not in text


@pytest.mark.django_db  # a new page looks up its content type
def test_meta_description_falls_back_to_the_summary():
    page = HomePage(summary="Short summary", search_description="")
    assert page.meta_description == "Short summary"
    page.search_description = "Written for search engines"
    assert page.meta_description == "Written for search engines"
