"""Lists of cards with pictures (the partner directory, the landing page's logos, the library)
read every card's renditions together: a first visitor after a change, whose caches are empty,
makes as many queries for a list of many logos as for a list of two."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.factories import ImageFactory
from home.models import HomePageFeaturedPartner
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def cold_queries(client, url):
    """The queries of a request with every cache emptied, once the pictures' renditions have
    been made (by a first request: making them is a one-time cost per picture)."""
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response


def renditions_read(sql):
    return [query for query in sql if "wagtailimages_rendition" in query]


def add_partners(partner_index, count):
    return [
        PartnerPageFactory(parent=partner_index, logo=ImageFactory(description="A logo"))
        for _ in range(count)
    ]


def test_the_directory_reads_its_logos_renditions_in_one_query(client, partner_index):
    add_partners(partner_index, 2)
    two, response = cold_queries(client, partner_index.url)
    assert len(response.context["partners"]) == 2
    add_partners(partner_index, 5)
    seven, response = cold_queries(client, partner_index.url)
    assert response.content.count(b"<picture") == 7
    assert len(renditions_read(seven)) == 1
    assert len(seven) == len(two)


def test_the_landing_pages_logos_are_read_in_one_query(client, home_page, partner_index):
    def feature(partners):
        for partner in partners:
            home_page.featured_partners.add(HomePageFeaturedPartner(partner=partner))
        home_page.partners_page = partner_index
        home_page.save_revision().publish()

    feature(add_partners(partner_index, 2))
    two, _response = cold_queries(client, "/en/")
    feature(add_partners(partner_index, 5))
    seven, response = cold_queries(client, "/en/")
    assert response.content.count(b'class="partner-card__logo"') == 7
    assert len(renditions_read(seven)) == 1
    assert len(seven) == len(two)


def test_the_librarys_pictures_are_read_in_one_query(client, resource_index):
    def add(count):
        for _ in range(count):
            ResourcePageFactory(parent=resource_index, image=ImageFactory(description="A photo"))

    add(2)
    two, _response = cold_queries(client, resource_index.url)
    add(5)
    seven, response = cold_queries(client, resource_index.url)
    assert response.content.count(b'class="card__image"') == 7
    assert len(renditions_read(seven)) == 1
    assert len(seven) == len(two)


def test_renditions_made_by_the_first_visitor_are_not_made_again(client, home_page):
    """What is kept of a page between requests holds no list of its renditions taken before
    its first view made them: a later visitor would have them all made again."""
    home_page.hero_image = ImageFactory(description="People at a meeting")
    home_page.feature_image = ImageFactory(description="A clinic")
    home_page.save_revision().publish()
    cache.clear()
    assert client.get("/en/").status_code == 200  # makes the renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    assert renditions_read([query["sql"] for query in queries.captured_queries]) == []
