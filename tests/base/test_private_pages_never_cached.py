"""A page that anonymous visitors saw, then made private or unpublished, is never served again
from the page cache or the content cache: not once, whichever worker answers, and even when the
cache store was down at the moment the restriction was added."""

from django.contrib.auth.models import Group
from django.core.cache import caches

from wagtail.models import PageViewRestriction, Site

import pytest

from home.factories import StandardPageFactory
from home.models import SiteSettings
from tests.base.test_content_cache import REDIS_DOWN

SECRET = "Board minutes: draft budget"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    # Two workers, each with a cache of its own (local memory), as gunicorn without Redis has.
    settings.CACHES = {
        **settings.CACHES,
        "worker-a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
        "worker-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
    }
    settings.PAGE_CACHE_ALIAS = "worker-a"
    yield settings
    for alias in ("worker-a", "worker-b"):
        caches[alias].clear()


@pytest.fixture
def minutes(home_page):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return StandardPageFactory(
        parent=home_page, title="Minutes", slug="minutes", body=[("paragraph", f"<p>{SECRET}</p>")]
    )


def served_from(settings, alias, client, url="/en/minutes/"):
    settings.PAGE_CACHE_ALIAS = alias
    return client.get(url)


def warm_both_workers(settings, client):
    for alias in ("worker-a", "worker-b"):
        served_from(settings, alias, client)
        cached = served_from(settings, alias, client)
        assert cached["X-Page-Cache"] == "hit"
        assert SECRET in cached.content.decode()


RESTRICTIONS = {
    "password": lambda page: PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-board"
    ),
    "login": lambda page: PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    ),
    "groups": lambda page: PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(Group.objects.get(name="Moderators")),
}


def assert_not_served(response):
    assert SECRET not in response.content.decode()
    assert response.get("X-Page-Cache") != "hit"


@pytest.mark.parametrize("kind", list(RESTRICTIONS))
def test_a_page_made_private_is_not_served_from_any_worker_cache(
    page_cache_on, client, minutes, kind
):
    warm_both_workers(page_cache_on, client)
    RESTRICTIONS[kind](minutes)
    for alias in ("worker-a", "worker-b"):
        assert_not_served(served_from(page_cache_on, alias, client))


def test_a_restriction_added_while_the_cache_is_down_still_counts_when_it_is_back(
    page_cache_on, client, minutes
):
    warm_both_workers(page_cache_on, client)
    working = page_cache_on.CACHES["default"]
    page_cache_on.CACHES = {**page_cache_on.CACHES, "default": REDIS_DOWN}
    page_cache_on.PAGE_CACHE_ALIAS = "default"
    RESTRICTIONS["password"](minutes)
    page_cache_on.CACHES = {**page_cache_on.CACHES, "default": working}
    for alias in ("worker-a", "worker-b"):
        assert_not_served(served_from(page_cache_on, alias, client))


def test_a_restriction_on_a_section_covers_the_pages_below_it(page_cache_on, client, home_page):
    section = StandardPageFactory(parent=home_page, title="Board", slug="board")
    StandardPageFactory(
        parent=section, title="Minutes", slug="minutes", body=[("paragraph", f"<p>{SECRET}</p>")]
    )
    url = "/en/board/minutes/"
    served_from(page_cache_on, "worker-a", client, url)
    assert served_from(page_cache_on, "worker-a", client, url)["X-Page-Cache"] == "hit"
    RESTRICTIONS["login"](section)
    assert_not_served(served_from(page_cache_on, "worker-a", client, url))


def test_an_unpublished_page_is_not_served_from_the_cache(page_cache_on, client, minutes):
    warm_both_workers(page_cache_on, client)
    minutes.unpublish()
    for alias in ("worker-a", "worker-b"):
        response = served_from(page_cache_on, alias, client)
        assert response.status_code == 404
        assert_not_served(response)


def test_a_page_made_private_leaves_the_listings_that_showed_it(client, resource_index):
    from resources.factories import ResourcePageFactory

    ResourcePageFactory(parent=resource_index, title="Board budget toolkit", slug="toolkit")
    assert "Board budget toolkit" in client.get("/en/resources/").content.decode()
    toolkit = resource_index.get_children().get(slug="toolkit")
    RESTRICTIONS["password"](toolkit)
    assert "Board budget toolkit" not in client.get("/en/resources/").content.decode()


@pytest.mark.parametrize("kind", list(RESTRICTIONS))
def test_a_page_made_private_is_not_served_from_the_content_cache(client, resource_index, kind):
    """With the page cache off, a page's route, its content and the API's answers are kept in
    the content cache: none of them outlives the restriction."""
    from resources.factories import ResourcePageFactory

    toolkit = ResourcePageFactory(parent=resource_index, title="Toolkit", summary=SECRET)
    for _ in range(2):
        assert SECRET in client.get(toolkit.url).content.decode()
        assert SECRET in client.get(f"/api/v2/pages/{toolkit.pk}/").content.decode()
    RESTRICTIONS[kind](toolkit)
    response = client.get(toolkit.url)
    assert SECRET not in response.content.decode()
    assert response.status_code in (200, 302)  # the password form, or the way to sign in
    assert client.get(f"/api/v2/pages/{toolkit.pk}/").status_code == 404
    assert SECRET not in client.get("/api/v2/pages/?type=resources.ResourcePage").content.decode()
