"""The library's RSS feed, its query budget as the library grows, and the Spanish library."""

import datetime
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.factories import DocumentFactory, ImageFactory
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from resources.factories import (
    ResourcePageFactory,
    ResourceTypeFactory,
    TopicFactory,
)
from resources.models import ResourcePage
from tests.helpers import collapse, soup

pytestmark = pytest.mark.django_db


# Feed --------------------------------------------------------------------------------------------


def feed_items(response):
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    return channel, [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "categories": [c.text for c in item.findall("category")],
            "pubDate": item.findtext("pubDate"),
        }
        for item in channel.findall("item")
    ]


def test_feed_lists_the_newest_resources(client, library, resource_index):
    response = client.get(resource_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel, items = feed_items(response)
    assert channel.findtext("title") == "Resources"
    assert channel.findtext("link") == resource_index.full_url
    assert [item["title"] for item in items][:3] == ["Alpha report", "Gamma video", "Beta report"]
    alpha = items[0]
    assert alpha["link"] == library["alpha"].full_url
    assert alpha["categories"] == ["Report", "Policy and law"]
    assert alpha["pubDate"].startswith("Thu, 01 Jun 2023")


def test_feed_honours_the_filters(client, library, resource_index):
    response = client.get(
        resource_index.url + "feed/", {"topic": ["data", "civic"], "type": "video"}
    )
    channel, items = feed_items(response)
    assert [item["title"] for item in items] == ["Gamma video", "Delta video"]
    assert channel.findtext("link") == (
        resource_index.full_url + "?topic=data&topic=civic&type=video"
    )
    _, items = feed_items(client.get(resource_index.url + "feed/", {"q": "report"}))
    assert {item["title"] for item in items} == {"Alpha report", "Beta report", "Epsilon tool"}


def test_feed_survives_bad_parameters(client, library, resource_index):
    for params in ({"topic": "nope"}, {"year": "20x3"}, {"q": '"' * 3000}, {"page": "abc"}):
        response = client.get(resource_index.url + "feed/", params)
        assert response.status_code == 200
        feed_items(response)  # well-formed XML


def test_library_page_links_its_feed_with_the_same_filters(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": "policy", "sort": "title", "page": "1"})
    alternate = soup(response).find("link", rel="alternate", type="application/rss+xml")
    assert alternate["href"] == resource_index.url + "feed/?topic=policy"
    visible = soup(response).select_one(".library__feed a")
    assert visible["href"] == alternate["href"]


# Queries ---------------------------------------------------------------------------------------

LISTING_QUERY_BUDGET = 21


@pytest.fixture
def card_parts(resource_index):
    """What cards show besides the title: types, topics, a partner publisher, an image and a
    document, shared by the resources `add_resources` makes."""
    partner_index = PartnerIndexPageFactory(parent=resource_index.get_parent())
    return {
        "publisher": PartnerPageFactory(parent=partner_index, slug="publisher"),
        "image": ImageFactory(),
        "document": DocumentFactory(),
        "topics": [TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(3)],
        "kinds": [ResourceTypeFactory(name=f"Kind {n}", slug=f"kind-{n}") for n in range(2)],
    }


def add_resources(resource_index, parts, count, *, start=0):
    """Resources with everything a card shows. Topics are written straight to the link table
    (no second save and re-index of each page), which keeps 200 resources quick to make."""
    through = ResourcePage.topics.through
    links = []
    for number in range(start, start + count):
        page = ResourcePageFactory(
            parent=resource_index,
            title=f"Resource {number:03d}",
            resource_type=parts["kinds"][number % 2],
            publisher_page=parts["publisher"],
            publication_date=datetime.date(2015, 1, 1) + datetime.timedelta(days=number),
            image=parts["image"] if number % 3 == 0 else None,
            document=parts["document"] if number % 4 == 0 else None,
        )
        links += [
            through(resourcepage_id=page.pk, topic=topic)
            for topic in parts["topics"][: 1 + number % 3]
        ]
    through.objects.bulk_create(links)


def count_queries(client, url, params):
    client.get(url, params)  # the first view may build image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


VIEWS = {
    "unfiltered": {},
    "facets": {"topic": ["topic-0", "topic-2"], "type": "kind-0", "sort": "title"},
    "years and a page": {"year": ["2015", "2016"], "partner": "publisher", "page": "2"},
    "keywords": {"q": "Resource", "topic": "topic-1"},
}


def test_listing_queries_do_not_grow_with_the_library(client, resource_index, card_parts):
    """Every card shows its type, topics, publisher, image and file; every facet shows a count
    per option. Cards must come from a fixed number of queries (select_related,
    prefetch_related) and each facet from one aggregate query whatever its number of options,
    or the library slows down with every resource added. 20 and 200 resources must cost the
    same, within the budget (of which 13 are the site's own: routing, navigation, language
    links, footer)."""
    add_resources(resource_index, card_parts, 20)
    small = {
        name: count_queries(client, resource_index.url, params)[0] for name, params in VIEWS.items()
    }
    add_resources(resource_index, card_parts, 180, start=20)
    large = {}
    for name, params in VIEWS.items():
        large[name], response = count_queries(client, resource_index.url, params)
        assert len(response.context["resources"]) > 0, name
    assert large == small
    assert max(large.values()) <= LISTING_QUERY_BUDGET, large


# Spanish ----------------------------------------------------------------------------------------


def test_spanish_library_filters_with_spanish_slugs(client, resource_index, spanish):
    """The Spanish library lists Spanish resources; its filters use the Spanish topics' slugs
    and names, and find resources whose publisher is still the English partner page."""
    partner_index = PartnerIndexPageFactory(parent=resource_index.get_parent())
    partner = PartnerPageFactory(parent=partner_index, title="Law Network", slug="lawnet")
    topic = TopicFactory(name="Policy and law", slug="policy-and-law")
    resource = ResourcePageFactory(
        parent=resource_index, title="Equity offices", publisher_page=partner, topics=[topic]
    )
    spanish_topic = topic.copy_for_translation(spanish)
    spanish_topic.name, spanish_topic.slug = "Políticas y leyes", "politicas-y-leyes"
    spanish_topic.save()
    spanish_type = resource.resource_type.copy_for_translation(spanish)
    spanish_type.name, spanish_type.slug = "Informe", "informe"
    spanish_type.save()
    home_es = resource_index.get_parent().copy_for_translation(spanish)
    home_es.save_revision().publish()
    library_es = resource_index.copy_for_translation(spanish)
    library_es.save_revision().publish()
    partner_index.copy_for_translation(spanish).save_revision().publish()
    partner_es = partner.copy_for_translation(spanish)
    partner_es.save_revision().publish()
    resource_es = resource.copy_for_translation(spanish)
    resource_es.title = "Oficinas de equidad"
    resource_es.resource_type = spanish_type
    resource_es.save_revision().publish()  # the topics follow (resources.signals)
    assert resource_es.publisher_page_id == partner.pk  # still the English partner

    url = library_es.url
    assert url == "/es/resources/"
    response = client.get(url, {"topic": "politicas-y-leyes", "type": "informe"})
    assert [collapse(h.get_text()) for h in soup(response).select(".card__title")] == [
        "Oficinas de equidad"
    ]
    labels = [collapse(label.get_text()) for label in soup(response).select(".facet label")]
    assert any(label.startswith("Políticas y leyes") for label in labels)
    assert not any(label.startswith("Policy and law") for label in labels)
    response = client.get(url, {"partner": partner_es.slug})
    assert len(soup(response).select(".card__title")) == 1
    # The English slug means nothing in the Spanish library: left out, not an empty list.
    response = client.get(url, {"topic": "policy-and-law"})
    assert soup(response).select_one(".notice") is not None
    # The English library is unaffected.
    english = client.get(resource_index.url, {"topic": "policy-and-law"})
    assert [collapse(h.get_text()) for h in soup(english).select(".card__title")] == [
        "Equity offices"
    ]
