"""What a visitor downloads: the landing page's HTML, the CSS and JavaScript every page loads, and
card pictures as responsive WebP renditions that wait until they are scrolled to."""

import gzip
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

import pytest

from home.factories import ImageFactory
from resources.models import ResourcePage
from tests.budgets.conftest import grow
from tests.helpers import soup

pytestmark = pytest.mark.usefixtures("seeded")

LANDING_HTML_GZIP = 12 * 1024
ASSETS_GZIP = 40 * 1024
PAGES = ["landing", "library", "resource", "partners", "partner", "community", "event", "search"]


def gzipped(content):
    return len(gzip.compress(content, compresslevel=6))


def test_landing_page_html_is_small(client, targets):
    response = client.get(targets["landing"])
    size = gzipped(response.content)
    assert size <= LANDING_HTML_GZIP, f"landing page: {size} bytes gzipped"


def asset_paths(response):
    """The site's own stylesheets and scripts a page loads (their paths under STATIC_URL)."""
    document = soup(response)
    addresses = [link["href"] for link in document.select('link[rel~="stylesheet"][href]')]
    addresses += [script["src"] for script in document.select("script[src]")]
    paths = []
    for address in addresses:
        path = urlsplit(address).path
        assert path.startswith(settings.STATIC_URL), f"{address} is not one of the site's files"
        paths.append(path.removeprefix(settings.STATIC_URL))
    return paths


@pytest.mark.parametrize("name", PAGES)
def test_css_and_javascript_per_page_are_small(client, targets, name):
    response = client.get(targets[name])
    paths = asset_paths(response)
    assert paths, "every page loads the site's stylesheet"
    sizes = {}
    for path in paths:
        found = finders.find(path)
        assert found, f"{path} is linked but not found"
        with open(found, "rb") as asset:
            sizes[path] = gzipped(asset.read())
    assert sum(sizes.values()) <= ASSETS_GZIP, f"{name}: {sizes}"


def assert_responsive(picture, fallback):
    """A <picture> with a WebP source in several widths, and an <img> fallback in `fallback`
    format with its size set (no layout shift) that loads only when scrolled to."""
    assert picture is not None
    source = picture.find("source", type="image/webp")
    assert source is not None
    assert len(source["srcset"].split(",")) >= 2
    image = picture.find("img")
    assert image["width"] and image["height"]
    assert image["loading"] == "lazy"
    assert image["src"].endswith(fallback)
    assert len(image["srcset"].split(",")) >= 2


def test_partner_logos_are_responsive_webp_pictures(client, targets):
    cards = soup(client.get(targets["partners"])).select(".partner-card__logo")
    assert cards
    for card in cards:
        assert_responsive(card.find("picture"), ".png")


def test_resource_card_pictures_are_responsive_webp(client, targets):
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    resource.image = ImageFactory()
    resource.save_revision().publish()
    document = soup(client.get(targets["library"], {"q": resource.title}))
    pictures = [card.find("picture") for card in document.select(".card__image")]
    assert pictures
    for picture in pictures:
        assert_responsive(picture, ".jpg")


BOUNDED_PAGES = ["landing", "library", "partners"]
GROWTH_ALLOWED = 1.25


def test_pages_stay_the_same_size_as_the_collaborative_grows(client, targets):
    """A page shows a bounded number of things (chosen partners, a page of results, the most
    used options of a facet), so ten times the resources, partners and meetings is not ten times
    the bytes a phone downloads."""
    grow(100)
    small = {name: len(client.get(targets[name]).content) for name in BOUNDED_PAGES}
    grow(1000)
    large = {name: len(client.get(targets[name]).content) for name in BOUNDED_PAGES}
    grown = {
        name: round(large[name] / small[name], 2)
        for name in BOUNDED_PAGES
        if large[name] > small[name] * GROWTH_ALLOWED
    }
    assert grown == {}, f"bytes at 100: {small}; at 1,000: {large}"
