"""The whole-page cache: anonymous visitors get cached public pages; forms, previews, the admin
and logged-in editors never do; publishing empties it; a broken cache is skipped."""

from wagtail.models import Site

import pytest

from care_site.base.cache import PAGE_CACHE_HEADER as HEADER
from forms.factories import FormFieldFactory, FormPageFactory
from home.factories import StandardPageFactory
from home.models import SiteSettings


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def about(home_page):
    # The footer settings row is created on the first request otherwise, which (rightly)
    # empties the cache once.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return StandardPageFactory(parent=home_page, title="About", slug="about")


def test_an_anonymous_visitor_gets_the_cached_copy(page_cache_on, client, about):
    first = client.get("/en/about/")
    second = client.get("/en/about/")
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second, "outer middleware still decorates hits"


def test_a_cached_page_costs_one_query(page_cache_on, client, about, django_assert_num_queries):
    """The content version and whether the page is still live and public, asked together."""
    client.get("/en/about/")
    with django_assert_num_queries(1):
        assert client.get("/en/about/")[HEADER] == "hit"


def test_publishing_empties_the_cache(page_cache_on, client, about):
    client.get("/en/about/")
    about.title = "About the Collaborative"
    about.save_revision().publish()
    response = client.get("/en/about/")
    assert response[HEADER] == "miss"
    assert "About the Collaborative" in response.content.decode()


def test_form_pages_with_a_csrf_token_are_never_cached(page_cache_on, client, home_page):
    form = FormPageFactory(parent=home_page, slug="contact")
    FormFieldFactory(page=form, label="Your name")
    first = client.get("/en/contact/")
    second = client.get("/en/contact/")
    assert HEADER not in first and HEADER not in second
    assert "csrftoken" in second.cookies, "a first-time visitor gets a token and can submit"


def test_logged_in_editors_never_get_cached_pages(page_cache_on, admin_client, client, about):
    client.get("/en/about/")
    assert client.get("/en/about/")[HEADER] == "hit"
    assert HEADER not in admin_client.get("/en/about/")


def test_a_broken_cache_is_skipped_not_an_error(page_cache_on, settings, client, about):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert HEADER not in response


def test_the_cache_is_off_when_disabled(client, about):
    client.get("/en/about/")
    assert HEADER not in client.get("/en/about/")
