"""Each override of Wagtail (docs/decisions.md) gives what Wagtail's own code gives, on the same
pages: routing (also when it is kept in the content cache), the request's Site, view
restrictions, `public()` and `localized_draft`. The queries and work they save are held by
tests/budgets."""

from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

import pytest

from care_site.base import sites, view_restrictions, views
from care_site.base.models import BasePage
from care_site.base.routing import route_in_one_query
from care_site.base.views import localized_site_root
from events.factories import EventPageFactory
from home.factories import HomePageFactory, StandardPageFactory
from home.models import StandardPage
from resources.factories import ResourcePageFactory
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, resource_index, event_index):
    about = StandardPageFactory(parent=home_page, slug="about")
    board = StandardPageFactory(parent=about, slug="board")
    private = StandardPageFactory(parent=home_page, slug="members")
    StandardPageFactory(parent=private, slug="minutes")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    resource = ResourcePageFactory(parent=resource_index, slug="toolkit")
    event = EventPageFactory(parent=event_index)
    return {"about": about, "board": board, "resource": resource, "event": event}


def described(args):
    # A routable page's view comes back as a method bound to that page's own instance.
    return [getattr(arg, "__name__", arg) for arg in args]


def wagtails_route(root, path):
    request = RequestFactory().get(path)
    try:
        page, args, kwargs = Page.route(root, request, [c for c in path.split("/") if c])
    except Http404:
        return None
    return page.pk, described(args), kwargs


def our_route(root, path):
    request = RequestFactory().get(path)
    try:
        page, args, kwargs = route_in_one_query(root, request, [c for c in path.split("/") if c])
    except Http404:
        return None
    return page.pk, described(args), kwargs


def test_routing_in_one_query_finds_what_wagtail_finds(home_page, tree, resource_index):
    paths = [
        "/about/",
        "/about/board/",
        "/about/nowhere/",
        "/members/minutes/",
        "/resources/",
        "/resources/toolkit/",
        "/resources/feed/",
        "/resources/toolkit/extra/",
        f"/{tree['event'].get_parent().slug}/{tree['event'].slug}/",
        f"/{tree['event'].get_parent().slug}/{tree['event'].slug}/ical/",
        "/missing/",
    ]
    for path in paths:
        assert our_route(home_page, path) == wagtails_route(home_page, path), path


def test_a_route_kept_in_the_content_cache_finds_what_wagtail_finds(home_page, tree):
    """The serve view's routing, asked twice (the second answer from the content cache), gives
    Wagtail's page, view and arguments; a path that leads nowhere is not found either time."""
    site = Site.objects.get(is_default_site=True)
    paths = [
        "",
        "about/board/",
        "about/nowhere/",
        "resources/toolkit/",
        "resources/feed/",
        f"{tree['event'].get_parent().slug}/{tree['event'].slug}/ical/",
        "missing/",
    ]
    for path in paths:
        expected = wagtails_route(home_page, "/" + path)
        for _ in range(2):
            with translation.override("en"):
                found = views.route(RequestFactory().get("/en/" + path), site, path)
            found = found and (found.page.pk, described(found.args), found.kwargs)
            assert found == expected, path


def request_to(host, port):
    return RequestFactory().get("/", HTTP_HOST=f"{host}:{port}", SERVER_PORT=str(port))


ADDRESSES = [
    ("testserver", 80),
    ("localhost", 80),
    ("127.0.0.1", 80),
    ("127.0.0.1", 8080),
    ("example.org", 8000),
    ("example.org", 9999),  # two Sites of that hostname, neither on that port
    ("solo.example", 1234),  # one Site of that hostname, on another port
    ("stranger.example", 80),  # outside ALLOWED_HOSTS
]


def test_the_site_is_the_one_wagtail_finds(home_page):
    """Found among the Sites read (`known_sites`), for every kind of match Wagtail makes: its
    hostname and port, its hostname alone, the default; with and without a default Site."""
    other = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home_page)
    for port in (8000, 8001):
        Site.objects.create(hostname="example.org", port=port, root_page=home_page)
    Site.objects.create(hostname="solo.example", port=80, root_page=home_page)
    for has_default in (True, False):
        Site.objects.filter(hostname="testserver").update(is_default_site=has_default)
        cache.clear()
        for host, port in ADDRESSES:
            for _ in range(2):  # read, then kept
                ours = sites.find_for_request(request_to(host, port))
                assert ours == Site.find_for_request(request_to(host, port)), (host, port)
    assert sites.find_for_request(request_to("127.0.0.1", 80)) == other


def test_the_site_root_paths_are_wagtails(home_page, spanish):
    """Every Site's root in every language it is translated into, a draft translation included,
    in Wagtail's order; left where Wagtail keeps them."""
    draft = home_page.copy_for_translation(spanish)
    draft.save_revision()
    elsewhere = HomePageFactory(parent=Page.get_first_root_node(), slug="elsewhere")
    Site.objects.create(hostname="elsewhere.example", port=443, root_page=elsewhere)
    cache.clear()
    ours = [tuple(path) for path in sites.known_sites().root_paths]
    assert [tuple(path) for path in Site.get_site_root_paths()] == ours  # as we left them
    Site.clear_site_root_paths_cache()
    assert [tuple(path) for path in Site.get_site_root_paths()] == ours  # as Wagtail reads them
    assert len(ours) == 3, ours


def test_a_first_request_reads_the_sites_once(client, home_page, resource_index):
    """The Site, Wagtail's root paths (for addresses written with and without the request: the
    landing page's buttons) and the landing pages: one read of the Sites, no CASE query."""
    for url in ("/en/", resource_index.url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        reads = [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]
        assert len(reads) == 1, reads
        assert "CASE" not in reads[0]


def test_the_landing_page_is_found_as_wagtail_finds_it(home_page, spanish):
    translated = home_page.copy_for_translation(spanish)
    translated.save_revision().publish()
    root = Page.objects.get(pk=home_page.pk)
    site = Site.objects.get(root_page=root)
    for language in ("en", "es"):
        with translation.override(language):
            for serving in (True, False):
                found = localized_site_root(site, serving=serving)
                assert found.pk == root.localized.specific.pk


def test_the_landing_page_joins_what_it_shows_only_when_it_is_shown(client, resource_index):
    def landing_queries(url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries.captured_queries if 'FROM "home_homepage"' in q["sql"]]

    assert any("wagtailimages_image" in sql for sql in landing_queries("/en/"))
    # Below it, routing and the chrome (the logo's link, the language switcher) start from the
    # landing pages read with the Sites: the fields every page has, its own table not read.
    assert landing_queries(resource_index.url) == []


@pytest.fixture
def wagtails_own():
    return view_restrictions.replaced


def test_the_overrides_are_installed():
    assert PageQuerySet.private_q is view_restrictions.private_q
    assert Page.get_view_restrictions is view_restrictions.get_view_restrictions


def test_view_restrictions_are_wagtails_where_nothing_is_translated(tree, home_page, wagtails_own):
    for page in Page.objects.filter(path__startswith=home_page.path).specific():
        ours = set(page.get_view_restrictions())
        assert ours == set(wagtails_own["get_view_restrictions"](page)), page.url_path


@pytest.mark.parametrize("model", [StandardPage, ResourcePage])
def test_public_is_wagtails_where_nothing_is_translated(tree, model, wagtails_own):
    pages = model.objects.all()
    ours = set(pages.public().values_list("pk", flat=True))
    wagtails = set(pages.exclude(wagtails_own["private_q"](pages)).values_list("pk", flat=True))
    assert ours == wagtails
    assert ours, "the tree has public pages of this type"
    assert set(Page.objects.public().values_list("pk", flat=True)) >= ours


def test_a_restriction_added_later_covers_the_translations(tree, spanish, wagtails_own):
    board = tree["board"]
    translated = board.copy_for_translation(spanish, copy_parents=True)
    translated.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.LOGIN
    )
    # Wagtail leaves the Spanish copy public: its own tree holds no restriction.
    assert set(wagtails_own["get_view_restrictions"](translated)) == set()
    assert list(translated.get_view_restrictions()) == [restriction]
    assert not StandardPage.objects.public().filter(pk=translated.pk).exists()
    assert StandardPage.objects.public().filter(pk=translated.get_parent().pk).exists()


def test_an_alias_of_a_restricted_page_is_restricted_as_wagtail_says(tree, wagtails_own):
    members = StandardPage.objects.get(slug="members")
    alias = members.create_alias(parent=tree["about"], update_slug="members-again")
    # Wagtail copies the restriction onto the alias; without the copy, the source's holds.
    alias.view_restrictions.all().delete()
    wagtails = set(wagtails_own["get_view_restrictions"](alias))
    assert wagtails == set(members.view_restrictions.all())
    assert set(alias.get_view_restrictions()) == wagtails
    assert not StandardPage.objects.public().filter(pk=alias.pk).exists()
    assert StandardPage.objects.public().filter(pk=tree["about"].pk).exists()


def test_a_site_that_restricts_nothing_reads_no_page_to_know_it(home_page):
    StandardPageFactory(parent=home_page, slug="about")
    with CaptureQueriesContext(connection) as queries:
        assert view_restrictions.restricted_paths() == ()
    assert queries.captured_queries, "the restrictions were read"
    assert not [query for query in queries if 'FROM "wagtailcore_page"' in query["sql"]]


def test_a_page_in_no_restricted_section_has_restrictions_as_wagtails_callers_use_them(
    tree, home_page, wagtails_own
):
    """Serving iterates them, the admin asks `exists()` and orders them, copying a page
    filters them: each as on Wagtail's own (empty) queryset, and iterating asks nothing."""
    page = tree["about"]
    wagtails = wagtails_own["get_view_restrictions"](page)
    assert list(wagtails) == []
    ours = page.get_view_restrictions()
    with CaptureQueriesContext(connection) as queries:
        assert list(ours) == []
    assert not queries.captured_queries
    assert ours.exists() is wagtails.exists() is False
    assert list(ours.order_by("-page__depth")) == []
    assert ours.filter(restriction_type=PageViewRestriction.LOGIN).count() == 0


def test_localized_draft_is_wagtails(tree, spanish):
    translated = tree["about"].copy_for_translation(spanish, copy_parents=True)
    translated.save_revision().publish()
    for page in (tree["about"], translated, tree["board"]):
        for language in ("en", "es"):
            with translation.override(language):
                assert BasePage.localized_draft.fget(page) == Page.localized_draft.fget(page)
