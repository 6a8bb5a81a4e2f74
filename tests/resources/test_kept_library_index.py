"""What the library's counts are made from is kept in the database by the scheduler's job after
content changes, so the first visitor after an edit does not read the whole library: they find
it kept for the content version they are served. A visitor arriving before the job has run
reads the library as before, and writes nothing."""

from datetime import date

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from care_site.base.models import ContentVersion
from resources.factories import ResourcePageFactory, TopicFactory
from resources.filters import NEWEST, ORDERS
from resources.models import RESOURCES_PER_PAGE, KeptLibraryIndex, Topic
from tests.helpers import collapse, soup, writes
from tests.resources.test_library_cache import counting_queries
from tests.resources.test_library_filters import facets, result_count, titles

pytestmark = pytest.mark.django_db

VIEWS = ({}, {"type": "video"}, {"topic": "policy", "year": "2021"}, {"q": "report"})


def shown(response):
    """What a visitor reads of a view: its facets, its number of results and its titles."""
    return facets(response), result_count(response), titles(response)


def test_after_the_job_no_view_reads_the_whole_library(client, library, resource_index):
    read_by_the_visitor = {
        str(params): shown(client.get(resource_index.url, params)) for params in VIEWS
    }

    call_command("keep_library_indexes")
    for params in VIEWS:
        cache.clear()
        response, counting = counting_queries(client, resource_index.url, params)
        assert counting == [], f"{params} read the whole library"
        assert shown(response) == read_by_the_visitor[str(params)]


BY_DATE = 'ORDER BY "resources_resourcepage"."publication_date"'


def test_after_the_job_no_view_in_the_default_order_is_sorted(client, library, resource_index):
    """The job reads the library newest first, so a view in that order (any choice, any page)
    takes its page from what it counted: the database sorts nothing, and the order is the one
    it would have given, ties on a date broken by title, then by key."""
    ResourcePageFactory.create_batch(
        RESOURCES_PER_PAGE, parent=resource_index, publication_date=date(2020, 5, 1)
    )
    call_command("keep_library_indexes")
    listed = resource_index.filter_resources(QueryDict()).filtered()
    reports = listed.filter(resource_type__slug="report")
    for params, resources in (
        ({"page": 2}, listed),
        ({"type": "report"}, reports),
        ({"type": "report", "page": 2}, reports),
    ):
        start = RESOURCES_PER_PAGE * (params.get("page", 1) - 1)
        newest = resources.order_by(*ORDERS[NEWEST])[start : start + RESOURCES_PER_PAGE]
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(resource_index.url, params)
        sorting = [q["sql"] for q in queries.captured_queries if BY_DATE in q["sql"]]
        assert sorting == [], f"{params} sorted the library again"
        assert titles(response) == [resource.title for resource in newest]


def test_a_change_is_shown_before_the_job_has_run_again(client, library, resource_index):
    call_command("keep_library_indexes")
    policy = Topic.objects.get(slug="policy")
    ResourcePageFactory(parent=resource_index, title="Omega brief", topics=[policy])
    library["alpha"].unpublish()
    PageViewRestriction.objects.create(
        page=library["beta"], restriction_type=PageViewRestriction.LOGIN
    )

    cache.clear()
    response = client.get(resource_index.url)
    assert result_count(response) == "5 resources"
    assert facets(response)["topic"]["policy"][0] == 2  # Omega and Epsilon
    assert "Omega brief" in titles(response)
    assert not {"Alpha report", "Beta report"} & set(titles(response))

    call_command("keep_library_indexes")
    cache.clear()
    again, counting = counting_queries(client, resource_index.url)
    assert counting == []
    assert shown(again) == shown(response)


def test_a_visitor_before_the_job_writes_nothing(client, library, resource_index):
    client.get(resource_index.url)  # Wagtail writes a site's settings on their first read
    call_command("keep_library_indexes")
    ContentVersion.move_on()  # a change the job has not seen yet
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(resource_index.url, {"topic": "policy"})
    assert response.status_code == 200
    assert writes(queries.captured_queries) == []


def test_the_job_keeps_each_library_once_per_change(library, resource_index):
    call_command("keep_library_indexes")
    kept = KeptLibraryIndex.objects.get(library=resource_index)
    assert kept.version == ContentVersion.objects.get(pk=1).number

    with CaptureQueriesContext(connection) as queries:
        call_command("keep_library_indexes")
    assert not [q for q in queries.captured_queries if q["sql"].upper().startswith("UPDATE")]

    ContentVersion.move_on()
    call_command("keep_library_indexes")
    kept.refresh_from_db()
    assert kept.version == ContentVersion.objects.get(pk=1).number


def test_a_deleted_library_takes_its_kept_index_with_it(library, resource_index):
    call_command("keep_library_indexes")
    assert KeptLibraryIndex.objects.filter(library=resource_index).exists()
    resource_index.delete()
    assert not KeptLibraryIndex.objects.exists()


def test_after_the_job_related_resources_are_found_without_ranking_the_topic_links(
    client, resource_index
):
    """A resource's related resources come from the kept index: the first visitor after a
    change counts no topic links, and ties on a date are broken by title as before."""
    policy = TopicFactory(slug="policy")
    page = ResourcePageFactory(parent=resource_index, title="This one", topics=[policy])
    for title in ("Gamma", "Alpha", "Beta", "Delta"):
        ResourcePageFactory(
            parent=resource_index, title=title, topics=[policy], publication_date=date(2022, 3, 1)
        )
    call_command("keep_library_indexes")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    ranking = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert ranking == []
    section = soup(response).find("section", attrs={"aria-labelledby": "related-heading"})
    assert [collapse(h.get_text()) for h in section.select(".card__title")] == [
        "Alpha",
        "Beta",
        "Delta",
    ]
