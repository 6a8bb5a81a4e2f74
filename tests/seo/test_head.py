"""Every page's head: its title and description (SEO fields, falling back to the title and the
summary), a canonical address, and the Open Graph and Twitter card tags a shared link shows."""

from django.contrib.staticfiles import finders

from wagtail.models import Site

import pytest

from home.factories import ImageFactory, StandardPageFactory
from home.models import SiteSettings
from resources.factories import ResourcePageFactory
from tests.helpers import soup
from tests.seo.conftest import meta, translate

pytestmark = pytest.mark.django_db

SITE_NAME = "Collaborative for Anti-Racism & Equity"


def canonical(response):
    return soup(response).find("link", rel="canonical")["href"]


def test_title_and_description_come_from_the_seo_fields(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="About",
        seo_title="About the Collaborative",
        search_description="Who we are and how we work.",
        summary="A summary for cards.",
    )
    response = client.get(page.url)
    assert soup(response).title.string == f"About the Collaborative | {SITE_NAME}"
    assert meta(response, "description") == "Who we are and how we work."
    assert meta(response, "og:title") == "About the Collaborative"
    assert meta(response, "og:description") == "Who we are and how we work."
    assert meta(response, "twitter:title") == "About the Collaborative"
    assert meta(response, "twitter:description") == "Who we are and how we work."


def test_without_seo_fields_the_title_and_summary_are_used(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Privacy", summary="How we use data.")
    response = client.get(page.url)
    assert soup(response).title.string == f"Privacy | {SITE_NAME}"
    assert meta(response, "description") == "How we use data."
    assert meta(response, "og:title") == "Privacy"


def test_without_any_description_no_empty_tag_is_written(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Bare", summary="")
    response = client.get(page.url)
    assert meta(response, "description") is None
    assert meta(response, "og:description") is None


def test_canonical_is_the_pages_own_full_address(client, home_page):
    page = StandardPageFactory(parent=home_page)
    response = client.get(page.url)
    assert canonical(response) == page.full_url
    assert meta(response, "og:url") == page.full_url


def test_filtered_and_sorted_listings_point_at_the_unfiltered_one(client, resource_index):
    ResourcePageFactory(parent=resource_index)
    for params in (
        {"topic": "policy"},
        {"q": "equity", "sort": "title"},
        {"type": "report", "page": "2"},
        {"page": "not-a-number"},
        {"page": "1"},
    ):
        assert canonical(client.get(resource_index.url, params)) == resource_index.full_url


def test_a_later_page_of_a_listing_is_its_own_canonical(client, resource_index):
    response = client.get(resource_index.url, {"page": "2"})
    assert canonical(response) == f"{resource_index.full_url}?page=2"


def test_share_tags_use_a_1200_by_630_rendition_and_its_alt_text(client, home_page):
    image = ImageFactory(
        description="Practitioners talking around a table", file__width=1600, file__height=1000
    )
    page = StandardPageFactory(parent=home_page, title="Shared", image=image)
    response = client.get(page.url)

    og_image = meta(response, "og:image")
    assert og_image.startswith("http://localhost/")
    assert ".fill-1200x630" in og_image
    assert meta(response, "og:image:width") == "1200"
    assert meta(response, "og:image:height") == "630"
    assert meta(response, "og:image:alt") == "Practitioners talking around a table"
    assert meta(response, "twitter:card") == "summary_large_image"
    assert meta(response, "twitter:image") == og_image
    assert meta(response, "twitter:image:alt") == "Practitioners talking around a table"
    assert image.renditions.filter(filter_spec="fill-1200x630").exists()


def test_without_an_image_of_its_own_a_page_shares_the_care_card(client, home_page):
    page = StandardPageFactory(parent=home_page)
    response = client.get(page.url)
    assert meta(response, "og:image") == "http://localhost/static/home/care-share.png"
    assert (meta(response, "og:image:width"), meta(response, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(response, "og:image:alt") == "CARE, the Collaborative for Anti-Racism & Equity"
    assert meta(response, "twitter:card") == "summary_large_image"
    assert finders.find("home/care-share.png")


def test_the_site_settings_image_replaces_the_care_card(client, home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.share_image = ImageFactory(description="Partners at the annual meeting")
    site_settings.save()
    response = client.get(StandardPageFactory(parent=home_page).url)
    assert ".fill-1200x630" in meta(response, "og:image")
    assert meta(response, "og:image:alt") == "Partners at the annual meeting"


def test_landing_page_shares_its_large_photo_when_it_has_no_card_image(client, home_page):
    home_page.feature_image = ImageFactory(description="A community meeting")
    home_page.save()
    response = client.get(home_page.url)
    assert ".fill-1200x630" in meta(response, "og:image")
    assert meta(response, "og:image:alt") == "A community meeting"


def test_site_name_is_the_one_editors_set_on_the_site(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Contact")
    assert meta(client.get(page.url), "og:site_name") == SITE_NAME

    site = Site.objects.get(is_default_site=True)
    site.site_name = "CARE"
    site.save()
    response = client.get(page.url)
    assert meta(response, "og:site_name") == "CARE"
    assert soup(response).title.string == "Contact | CARE"


def test_spanish_page_declares_its_locale_and_its_english_version(
    client, home_page, spanish_home, spanish
):
    page = StandardPageFactory(parent=home_page, title="About")
    spanish_page = translate(page, spanish, title="Acerca de")
    response = client.get(spanish_page.url)
    assert meta(response, "og:locale") == "es"
    assert meta(response, "og:locale:alternate") == "en"
    assert canonical(response) == spanish_page.full_url
    assert meta(client.get(page.url), "og:locale") == "en"
