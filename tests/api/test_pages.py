"""The pages endpoint: exact fields per page type, counts, only live public pages, limits."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from events.factories import EventPageFactory
from home.factories import StandardPageFactory
from resources.factories import ResourcePageFactory

PAGE_KEYS = {"id", "meta", "title", "summary", "image"}
DETAIL_META_KEYS = {
    "type",
    "detail_url",
    "html_url",
    "slug",
    "show_in_menus",
    "seo_title",
    "search_description",
    "first_published_at",
    "alias_of",
    "parent",
    "locale",
}
KEYS_BY_TYPE = {
    "home.HomePage": PAGE_KEYS
    | {
        "intro",
        "community_heading",
        "community_text",
        "register_link",
        "community_page",
        "next_meeting_intro",
        "next_meeting",
        "no_meeting_text",
        "featured_heading",
        "featured_resources",
        "suggest_heading",
        "suggest_text",
        "suggest_link",
        "hero_image",
        "feature_image",
        "partners_heading",
        "partners_text",
        "partners_page",
        "partners",
        "partners_link_label",
        "connect_heading",
        "connect_text",
        "connect_link",
    },
    "home.StandardPage": PAGE_KEYS | {"body"},
    "resources.ResourceIndexPage": PAGE_KEYS | {"intro"},
    "resources.ResourcePage": PAGE_KEYS
    | {
        "body",
        "link_url",
        "is_download",
        "external_url",
        "document",
        "publisher",
        "publisher_page",
        "publication_date",
        "resource_type",
        "topics",
        "video_url",
        "transcript",
    },
    "partners.PartnerIndexPage": PAGE_KEYS | {"intro", "partners"},
    "partners.PartnerPage": PAGE_KEYS
    | {
        "logo",
        "description",
        "website",
        "focus_areas",
        "contact_name",
        "contact_email",
        "key_resources",
        "library_filter_url",
    },
    "events.EventIndexPage": PAGE_KEYS
    | {"intro", "register_text", "register_link", "calendar_url"},
    "events.EventPage": PAGE_KEYS
    | {
        "start",
        "end",
        "time_zone",
        "status",
        "format",
        "location",
        "join_url",
        "registration_url",
        "capacity_note",
        "body",
        "materials",
        "calendar_url",
    },
    "care_forms.FormPage": PAGE_KEYS
    | {"intro", "submit_label", "thank_you_text", "closed_text", "opens_at", "closes_at", "form"},
}


@pytest.fixture
def every_type(home_page, library, meetings, standard_page, contact_form):
    return [home_page, library["index"], library["policy_report"], library["partner_a"]]


def test_every_page_type_has_exactly_its_fields(get_json, every_type):
    listing = get_json("/api/v2/pages/?limit=50")
    seen = set()
    for item in listing["items"]:
        detail = get_json(f"/api/v2/pages/{item['id']}/")
        page_type = detail["meta"]["type"]
        seen.add(page_type)
        assert set(detail) == KEYS_BY_TYPE[page_type], page_type
        assert set(detail["meta"]) == DETAIL_META_KEYS
    assert seen == set(KEYS_BY_TYPE)


def test_listing_counts_and_default_fields(get_json, library):
    data = get_json("/api/v2/pages/?type=resources.ResourcePage")
    assert data["meta"]["total_count"] == 4
    assert len(data["items"]) == 4
    assert set(data["items"][0]) == {"id", "meta", "title"}
    assert set(data["items"][0]["meta"]) == {
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "locale",
    }


def test_resource_fields_are_structured(get_json, library):
    report = library["policy_report"]
    data = get_json(f"/api/v2/pages/{report.pk}/")
    assert data["resource_type"] == {"slug": "report", "name": "Report"}
    assert {topic["slug"] for topic in data["topics"]} == {"policy", "data"}
    assert data["publisher_page"]["id"] == library["partner_a"].pk
    assert data["publisher"] == "Partner A"
    assert data["image"]["alt"] == "Members of the community in a circle"
    assert set(data["image"]) >= {"url", "width", "height", "alt"}
    assert data["image"]["width"] == 800


def test_stream_blocks_are_useful_json(get_json, standard_page, library, image):
    body = get_json(f"/api/v2/pages/{standard_page.pk}/")["body"]
    by_type = {}
    for block in body:
        by_type.setdefault(block["type"], []).append(block["value"])
    assert by_type["heading"] == [{"text": "Who we are", "level": "h2"}]
    # Rich text is display HTML: the internal link is resolved to the page's address.
    assert 'href="/en/resources/"' in by_type["paragraph"][0]
    assert "linktype" not in by_type["paragraph"][0]
    assert "/documents/" in by_type["paragraph"][1]
    picture = by_type["image"][0]["image"]
    assert picture["id"] == image.pk
    assert picture["alt"] == "A circle"
    assert picture["width"] > 0 and picture["height"] > 0
    assert picture["url"].startswith("/media/images/")
    cta = by_type["cta"][0]
    assert cta["url"] == library["policy_report"].url
    assert cta["page"] == {
        "id": library["policy_report"].pk,
        "title": "Policy report",
        "url": library["policy_report"].url,
        "type": "resources.ResourcePage",
    }
    assert cta["text"] == "New"
    assert by_type["resource_list"][0]["resources"][0]["id"] == library["data_video"].pk
    assert all(block["id"] for block in body)


def test_landing_page_gives_sections_featured_resources_and_next_meeting(
    get_json, home_page, library, meetings, event_index
):
    home_page.featured_resources.create(resource=library["data_video"], sort_order=0)
    home_page.featured_resources.create(resource=library["policy_report"], sort_order=1)
    home_page.community_page = event_index
    home_page.save_revision().publish()
    data = get_json(f"/api/v2/pages/{home_page.pk}/")
    assert [card["id"] for card in data["featured_resources"]] == [
        library["data_video"].pk,
        library["policy_report"].pk,
    ]
    assert set(data["featured_resources"][0]) == {"id", "title", "url", "type", "summary", "image"}
    assert data["next_meeting"]["id"] == meetings["upcoming"].pk
    assert data["community_page"]["id"] == event_index.pk
    assert data["community_heading"] == home_page.community_heading


def test_landing_page_without_meetings_has_null_next_meeting(get_json, home_page):
    assert get_json(f"/api/v2/pages/{home_page.pk}/")["next_meeting"] is None


def test_past_event_hides_join_and_registration_links(get_json, meetings):
    past = get_json(f"/api/v2/pages/{meetings['past'].pk}/")
    upcoming = get_json(f"/api/v2/pages/{meetings['upcoming'].pk}/")
    assert past["status"] == "past"
    assert past["join_url"] == ""
    assert upcoming["status"] == "upcoming"
    assert upcoming["join_url"] == "https://meet.example.org/care"
    assert upcoming["calendar_url"].endswith(meetings["upcoming"].url + "ical/")


@pytest.mark.parametrize("parameter", ["join_url", "order"])
def test_a_past_meetings_links_cannot_be_guessed_by_filtering_or_ordering(
    client, meetings, parameter
):
    """A link the API hides once a meeting is over must not be confirmed by a filter that
    matches it, nor leak through the order it puts meetings in."""
    value = "join_url" if parameter == "order" else "https://meet.example.org/care"
    response = client.get(f"/api/v2/pages/?type=events.EventPage&{parameter}={value}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_drafts_and_private_pages_are_absent(get_json, client, home_page, resource_index):
    public = ResourcePageFactory(parent=resource_index, title="Public")
    draft = ResourcePageFactory(parent=resource_index, title="Draft", live=False)
    private = StandardPageFactory(parent=home_page, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    under_private = StandardPageFactory(parent=private, title="Below members only")
    groups = StandardPageFactory(parent=home_page, title="Group only")
    restriction = PageViewRestriction.objects.create(page=groups, restriction_type="groups")
    restriction.groups.set([Group.objects.first()])

    ids = {item["id"] for item in get_json("/api/v2/pages/?limit=50")["items"]}
    assert public.pk in ids
    assert not ids & {draft.pk, private.pk, under_private.pk, groups.pk}
    for hidden in (draft, private, under_private, groups):
        assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


def test_a_page_with_published_changes_shows_only_the_live_version(get_json, library):
    report = library["policy_report"]
    report.title = "Unpublished new title"
    report.save_revision()
    assert get_json(f"/api/v2/pages/{report.pk}/")["title"] == "Policy report"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=51", "limit must be at most 50"),
        ("limit=-1", "limit must be a whole number"),
        ("offset=abc", "offset must be a whole number"),
        ("type=nope.Nope", "type doesn't exist"),
        ("fields=nonsense", "unknown fields"),
        ("locale=fr", "locale must be one of: en, es"),
        ("when=later&type=events.EventPage", "when must be 'upcoming' or 'past'"),
        ("when=upcoming", "add type=events.EventPage"),
        ("topic=policy", "add type=resources.ResourcePage"),
        ("type=events.EventPage&start=soon", "invalid filter value"),
        ("child_of=99999999999999999999", "parent page doesn't exist"),
        ("search_operator=xor&search=a", "search_operator must be"),
        ("colour=blue", "not an operation or a recognised field"),
    ],
)
def test_bad_queries_are_400_with_a_clear_message(get_json, library, meetings, query, message):
    data = get_json(f"/api/v2/pages/?{query}", status=400)
    assert message in data["message"]


def test_limit_at_the_maximum_is_fine(get_json, library):
    assert len(get_json("/api/v2/pages/?limit=50&type=resources.ResourcePage")["items"]) == 4


def test_pages_listing_costs_the_same_queries_however_many_pages(
    client, library, event_index, image
):
    """The listing is what a front end polls: its cost must not grow with the site (no query
    per page for its locale, type, URL or relations)."""

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [
        "/api/v2/pages/?limit=50",
        "/api/v2/pages/?type=resources.ResourcePage&fields=*&limit=50",
        "/api/v2/pages/?type=events.EventPage&when=upcoming&fields=start,end,status&limit=50",
    ]
    for url in urls:
        client.get(url)  # warm Wagtail's site and rendition caches
    before = [count(url) for url in urls]
    for number in range(6):
        ResourcePageFactory(parent=library["index"], title=f"More {number}", image=image)
        EventPageFactory(parent=event_index, title=f"Meeting {number}")
    for url in urls:
        client.get(url)
    after = [count(url) for url in urls]
    assert after == before


def test_fields_parameter_adds_and_removes_fields(get_json, library):
    data = get_json("/api/v2/pages/?type=resources.ResourcePage&fields=topics,-title")
    assert set(data["items"][0]) == {"id", "meta", "topics"}
    detail = get_json(f"/api/v2/pages/{library['policy_report'].pk}/?fields=-body,-transcript")
    assert set(detail) == KEYS_BY_TYPE["resources.ResourcePage"] - {"body", "transcript"}


def test_images_give_their_alt_text(get_json, image):
    item = get_json("/api/v2/images/")["items"][0]
    assert item["description"] == "Members of the community in a circle"
    assert get_json(f"/api/v2/images/{image.pk}/")["description"] == image.description


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/99999999999999999999999/", "/api/v2/forms/99999999999999999999999/"]
)
def test_ids_past_what_the_database_holds_are_404(client, db, url):
    assert client.get(url).status_code == 404
