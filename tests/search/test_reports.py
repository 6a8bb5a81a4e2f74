"""Searches are counted for editors (Wagtail's query hits, plus the searches that found nothing,
per language), without a database write in the visitor's request: counted in memory and
written by each server process's flush (search/stats.py). The admin's Reports menu shows popular
searches and searches that found nothing to editors."""

import datetime
import os
import time
from unittest import mock

from django.contrib.auth.models import Group
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

import pytest

from resources.factories import ResourcePageFactory
from search import stats
from search.models import EmptySearch
from tests.helpers import soup, writes

SEARCH = "/en/search/"
POPULAR = "/admin/reports/search/popular/"
EMPTY = "/admin/reports/search/empty/"
pytestmark = pytest.mark.django_db


def test_a_search_typed_in_is_counted_once_and_later_pages_are_not(client, resource_index):
    for number in range(12):
        ResourcePageFactory(parent=resource_index, title=f"Okapi study {number}")
    client.get(SEARCH, {"q": "Okapi"})
    client.get(SEARCH, {"q": "okapi", "page": "1"})
    client.get(SEARCH, {"q": "okapi", "page": "2"})
    client.get(SEARCH, {"q": "okapi", "type": "resourcepage"})
    assert stats.flush() == 2
    assert Query.get("okapi").hits == 2
    assert not EmptySearch.objects.exists()


def test_a_search_that_found_nothing_is_recorded_with_its_language(client, home_page, spanish):
    client.get(SEARCH, {"q": "Quokka"})
    client.get(SEARCH, {"q": "quokka"})
    client.get("/es/search/", {"q": "quokka"})
    stats.flush()
    rows = {
        (row.query.query_string, row.language, row.date): row.hits
        for row in EmptySearch.objects.select_related("query")
    }
    today = timezone.now().date()
    assert rows == {("quokka", "en", today): 2, ("quokka", "es", today): 1}
    assert Query.get("quokka").hits == 3


def test_searches_are_counted_even_with_the_page_cache_on(client, resource_index, settings):
    """Search responses are `private`, so the site's page cache never answers them and every
    search reaches the view that counts it."""
    settings.PAGE_CACHE_ENABLED = True
    ResourcePageFactory(parent=resource_index, title="Okapi study")
    for _ in range(3):
        response = client.get(SEARCH, {"q": "okapi"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    stats.flush()
    assert Query.get("okapi").hits == 3


def test_a_search_writes_nothing_to_the_database(client, resource_index):
    """On SQLite a write takes the whole database's lock: a search must not queue behind form
    posts and other searches."""
    ResourcePageFactory(parent=resource_index, title="Okapi study")
    client.get(SEARCH, {"q": "warm the caches"})
    for query in ({"q": "okapi"}, {"q": "nothing-at-all"}, {"q": "okapi", "page": "2"}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEARCH, query).status_code == 200
        assert writes(queries.captured_queries) == [], query
    stats.flush()
    assert Query.get("okapi").hits == 1
    assert Query.get("nothing-at-all").hits == 1


def test_a_failure_to_count_never_stops_the_search_and_the_counts_wait(
    client, resource_index, caplog
):
    ResourcePageFactory(parent=resource_index, title="Okapi study")
    response = client.get(SEARCH, {"q": "okapi"})
    assert response.status_code == 200
    assert [result.title for result in response.context["search_results"]] == ["Okapi study"]
    with mock.patch.object(Query, "get", side_effect=DatabaseError("read-only")):
        assert stats.flush() == 0
    assert "could not count the search" in caplog.text
    # Kept for the next flush, when the database takes writes again.
    assert stats.flush() == 1
    assert Query.get("okapi").hits == 1


def test_each_server_process_flushes_its_own_searches_in_the_background(
    client, resource_index, settings
):
    """A thread of the process writes the buffer every interval: nothing waits for a visitor."""
    settings.CARE_SEARCH_STATS_FLUSH_SECONDS = 0.2
    written = []
    with mock.patch.object(stats, "flush", side_effect=lambda: written.append(True)):
        client.get(SEARCH, {"q": "okapi"})
        assert stats._flusher_pid == os.getpid()
        deadline = time.monotonic() + 5
        while not written and time.monotonic() < deadline:
            time.sleep(0.05)
        assert written, "the flushing thread never ran"
        # An interval of 0 stops the thread (so it writes nothing into later tests).
        settings.CARE_SEARCH_STATS_FLUSH_SECONDS = 0
        stats._flusher.join(timeout=2)
    assert not stats._flusher.is_alive()


@pytest.fixture
def editor(django_user_model, client):
    user = django_user_model.objects.create_user(username="editor", password="x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def searches(db):
    """Popular: "okapi" 5 times today and 7 times a month ago; "quokka" 2 times today, found
    nothing in English twice today and in Spanish once a month ago."""
    today = timezone.now().date()
    month_ago = today - datetime.timedelta(days=30)
    okapi, quokka = Query.get("okapi"), Query.get("quokka")
    QueryDailyHits.objects.create(query=okapi, date=today, hits=5)
    QueryDailyHits.objects.create(query=okapi, date=month_ago, hits=7)
    QueryDailyHits.objects.create(query=quokka, date=today, hits=2)
    QueryDailyHits.objects.create(query=quokka, date=month_ago, hits=1)
    EmptySearch.objects.create(query=quokka, language="en", date=today, hits=2)
    EmptySearch.objects.create(query=quokka, language="es", date=month_ago, hits=1)
    return today, month_ago


def table_rows(response):
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
        for row in soup(response).select("#listing-results table tbody tr")
    ]


def test_editors_see_popular_searches(editor, searches):
    response = editor.get(POPULAR)
    assert response.status_code == 200
    assert table_rows(response) == [["okapi", "12", "0"], ["quokka", "3", "3"]]


def test_popular_searches_are_summed_within_the_chosen_dates(editor, searches):
    today, _month_ago = searches
    since = (today - datetime.timedelta(days=7)).isoformat()
    response = editor.get(POPULAR, {"date_from": since})
    assert table_rows(response) == [["okapi", "5", "0"], ["quokka", "2", "2"]]


def test_editors_see_searches_that_found_nothing_per_language(editor, searches):
    response = editor.get(EMPTY)
    assert response.status_code == 200
    rows = table_rows(response)
    assert [row[:3] for row in rows] == [["quokka", "English", "2"], ["quokka", "Spanish", "1"]]
    today, _month_ago = searches
    recent = editor.get(EMPTY, {"date_from": (today - datetime.timedelta(days=7)).isoformat()})
    assert [row[:3] for row in table_rows(recent)] == [["quokka", "English", "2"]]


def test_reports_can_be_searched_and_exported(editor, searches):
    assert [row[0] for row in table_rows(editor.get(POPULAR, {"q": "quok"}))] == ["quokka"]
    export = editor.get(POPULAR, {"export": "csv"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0] == "Search terms,Searches,Found nothing"
    assert "okapi,12,0" in lines


def test_reports_are_in_the_reports_menu(editor, searches):
    # The sidebar menu is drawn from JSON in the page.
    html = editor.get("/admin/").content.decode()
    assert "Popular searches" in html
    assert "Searches that found nothing" in html


def test_users_without_the_permission_cannot_see_the_reports(django_user_model, client, searches):
    user = django_user_model.objects.create_user(username="writer", password="x" * 16)
    group = Group.objects.create(name="Writers")
    group.permissions.add(*Group.objects.get(name="Editors").permissions.all())
    group.permissions.remove(
        *group.permissions.filter(codename="view_emptysearch", content_type__app_label="search")
    )
    user.groups.add(group)
    client.force_login(user)
    for url in (POPULAR, EMPTY):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "quokka" not in response.content.decode()
    assert "Popular searches" not in client.get("/admin/").content.decode()


def test_wagtails_own_search_terms_report_is_left_out_of_the_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Popular searches" in html
    assert "search-terms" not in html
    assert admin_client.get("/admin/searchpicks/reports/search-terms/").status_code == 200
