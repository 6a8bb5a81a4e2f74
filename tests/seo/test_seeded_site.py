"""The demo site, as a crawler meets it: both sitemaps with their language alternates, the
Organization with the seeded partners, and every seeded page's head and structured data."""

from wagtail.models import Page

import pytest

from home.models import HomePage
from partners.models import PartnerPage
from tests.helpers import soup
from tests.seo.conftest import json_ld_blocks, json_ld_of_type, meta
from tests.seo.test_sitemap_and_robots import entries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def test_sitemaps_cover_every_live_page_of_each_language(client):
    for code in ("en", "es"):
        listed = entries(client.get(f"/sitemap-{code}.xml"))
        live = Page.objects.live().public().filter(locale__language_code=code, depth__gt=1)
        assert set(listed) == {page.full_url for page in live}, code
        assert all(entry["lastmod"] for entry in listed.values())
    english_home = HomePage.objects.get(locale__language_code="en")
    spanish_home = HomePage.objects.get(locale__language_code="es")
    alternates = entries(client.get("/sitemap-en.xml"))[english_home.full_url]["alternates"]
    assert alternates == {
        "en": english_home.full_url,
        "es": spanish_home.full_url,
        "x-default": english_home.full_url,
    }


def test_landing_pages_describe_care_and_its_partners(client):
    for home in HomePage.objects.live():
        organization = json_ld_of_type(client.get(home.url), "Organization")
        assert organization["url"] == home.full_url
        partners = PartnerPage.objects.live().filter(locale=home.locale)
        names = sorted(member["name"] for member in organization["member"])
        assert names == sorted(partner.title for partner in partners)


def test_every_seeded_page_has_its_head_and_valid_structured_data(client):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        document = soup(response)
        assert document.find("link", rel="canonical")["href"] == page.full_url
        assert meta(response, "og:title"), page.url
        assert meta(response, "twitter:card") in ("summary", "summary_large_image")
        blocks = json_ld_blocks(response)
        for block in blocks:
            assert block["@context"] == "https://schema.org"
            if block["@type"] == "BreadcrumbList":
                for item in block["itemListElement"]:
                    assert item["name"] and item["item"].startswith("http"), page.url
            else:
                assert block["name"], page.url
                assert block["url"].startswith("http"), page.url
        if page.depth > 2:
            assert "BreadcrumbList" in [block["@type"] for block in blocks], page.url
            nav = document.find("nav", class_="breadcrumbs")
            assert nav["aria-label"], page.url
            assert nav.find("a", attrs={"aria-current": "page"})["href"] == page.url
