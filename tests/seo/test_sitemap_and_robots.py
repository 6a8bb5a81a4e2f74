"""What crawlers are given: a sitemap index with one sitemap per language, each page listed
with the date it was last published and its versions in other languages, and a robots.txt that
points at it and keeps crawlers out of the admin, site search and filter combinations."""

import re
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from home.factories import StandardPageFactory
from tests.seo.conftest import translate

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (the site's own answer, not untrusted)


def entries(response):
    """{location: {"lastmod", "alternates": {hreflang: href}}} from a sitemap."""
    found = {}
    for url in parse(response).findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        found[url.find("sm:loc", NS).text] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return found


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About", slug="about")


def test_index_lists_one_sitemap_per_language(client, home_page):
    index = parse(client.get("/sitemap.xml"))
    locations = [element.text for element in index.findall("sm:sitemap/sm:loc", NS)]
    assert locations == ["http://localhost/sitemap-en.xml", "http://localhost/sitemap-es.xml"]


def test_each_language_lists_its_own_live_public_pages(
    client, home_page, about, spanish_home, spanish
):
    draft = StandardPageFactory(parent=home_page, title="Draft", live=False)
    spanish_about = translate(about, spanish, slug="acerca-de")

    english = entries(client.get("/sitemap-en.xml"))
    assert set(english) == {home_page.full_url, about.full_url}
    assert draft.full_url not in english

    spanish_entries = entries(client.get("/sitemap-es.xml"))
    assert set(spanish_entries) == {spanish_home.full_url, spanish_about.full_url}


def test_private_pages_are_left_out(client, home_page, about):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="secret-word"
    )
    assert about.full_url not in entries(client.get("/sitemap-en.xml"))


def test_lastmod_is_the_date_of_publication(client, home_page, about):
    about.save_revision().publish()
    about.refresh_from_db()
    english = entries(client.get("/sitemap-en.xml"))
    # The site's own date (TIME_ZONE), which is not UTC's for some hours of each day.
    published = timezone.localtime(about.last_published_at).date()
    assert english[about.full_url]["lastmod"] == published.isoformat()


def test_translated_pages_list_every_language_and_a_default(
    client, home_page, about, spanish_home, spanish
):
    spanish_about = translate(about, spanish, slug="acerca-de")
    untranslated = StandardPageFactory(parent=home_page, title="Only in English")
    expected = {"en": about.full_url, "es": spanish_about.full_url, "x-default": about.full_url}

    english = entries(client.get("/sitemap-en.xml"))
    assert english[about.full_url]["alternates"] == expected
    assert english[untranslated.full_url]["alternates"] == {}
    spanish_entries = entries(client.get("/sitemap-es.xml"))
    assert spanish_entries[spanish_about.full_url]["alternates"] == expected


def test_sitemap_queries_do_not_grow_with_the_number_of_pages(
    client, home_page, spanish_home, spanish
):
    """Alternates for a whole sitemap page come from one query, not one per page."""

    def queries_for_sitemap(expected_entries):
        client.get("/sitemap-en.xml")
        with CaptureQueriesContext(connection) as queries:
            assert len(entries(client.get("/sitemap-en.xml"))) == expected_entries
        return len(queries)

    for number in range(2):
        translate(StandardPageFactory(parent=home_page, slug=f"page-{number}"), spanish)
    few = queries_for_sitemap(3)
    for number in range(2, 12):
        translate(StandardPageFactory(parent=home_page, slug=f"page-{number}"), spanish)
    assert queries_for_sitemap(13) == few <= 10


def test_unknown_language_or_page_is_not_found(client, home_page):
    assert client.get("/sitemap-fr.xml").status_code == 404
    assert client.get("/sitemap-en.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-en.xml", {"p": "99"}).status_code == 404
    assert client.post("/sitemap.xml").status_code == 405


# robots.txt -----------------------------------------------------------------------------------


def robots_rules(text):
    lines = text.splitlines()
    return [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")]


def blocked(rules, address):
    """Whether a crawler following Google's rules (`*` any run of characters, matched from the
    start of the path and query) may not fetch `address`."""
    return any(re.match(".*".join(map(re.escape, rule.split("*"))), address) for rule in rules)


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_search_and_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://localhost/sitemap.xml" in text.splitlines()
    assert "User-agent: *" in text.splitlines()
    rules = robots_rules(text)
    for address in (
        "/admin/",
        "/admin/pages/3/",
        "/en/search/?q=equity",
        "/es/search/",
        "/en/resources/?q=equity",
        "/en/resources/?topic=policy&type=report",
        "/en/resources/?topic=policy&topic=data",
        "/en/resources/?sort=title",
        "/en/resources/?topic=policy&sort=title",
        "/en/resources/feed/?topic=policy",
    ):
        assert blocked(rules, address), address
    for address in (
        "/en/",
        "/es/",
        "/en/resources/",
        "/en/resources/?topic=policy",
        "/en/resources/?page=2",
        "/en/resources/feed/",
        "/en/resources/equity-offices/",
        "/documents/1/report.pdf",
        "/sitemap.xml",
    ):
        assert not blocked(rules, address), address
