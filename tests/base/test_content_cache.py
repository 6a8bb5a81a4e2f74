"""The one cache: values and fragments kept until anything a visitor can see changes, on every
worker, including changes made while the cache store was down; computed when the store is down."""

from django.template import Context, Template
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site

import pytest

from care_site.base import cache
from care_site.base.models import ContentVersion
from home.factories import DocumentFactory, ImageFactory, StandardPageFactory
from home.models import Footer, SiteSettings
from resources.factories import ResourcePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def kept(value, *parts):
    return cache.cached(lambda: value, cache.key(*parts))


def test_a_value_is_kept_until_content_changes(home_page):
    assert kept("first", "thing") == "first"
    assert kept("second", "thing") == "first"
    assert kept("other", "another thing") == "other"

    StandardPageFactory(parent=home_page, title="News")
    assert kept("third", "thing") == "third"


def edit_settings(home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "hello@example.org"
    settings.save()


def edit_image(home):
    image = ImageFactory()
    image.description = "Partners at the spring convening"
    image.save()


CHANGES = {
    "publish": lambda home: home.save_revision().publish(),
    "unpublish": lambda home: StandardPageFactory(parent=home).unpublish(),
    "term": lambda home: TopicFactory(name="Housing"),
    "view restriction": lambda home: PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.LOGIN
    ),
    "footer": lambda home: Footer.objects.update_or_create(
        locale=home.locale, defaults={"text": "CARE is a network of partners."}
    ),
    "site settings": edit_settings,
    "image": edit_image,
    "document": lambda home: DocumentFactory(),
    "redirect": lambda home: Redirect.objects.create(old_path="/old", redirect_page=home),
    "site": lambda home: Site.objects.filter(is_default_site=True).first().save(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_what_moves_the_version(home_page, change):
    before = kept("before", "thing")
    CHANGES[change](home_page)
    assert kept("after", "thing") == "after", f"{change} left the cached value in place"
    assert before == "before"


def test_wagtail_noting_an_image_file_size_keeps_the_cache(home_page):
    """Wagtail fills in an image's size and hash while serving a page that shows it."""
    image = ImageFactory()
    kept("before", "thing")
    image.file_size = None
    image.get_file_size()
    assert kept("after", "thing") == "before"


def test_a_store_that_is_down_is_skipped(settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"}
    }
    assert kept("first", "thing") == "first"
    assert kept("second", "thing") == "second"


REDIS_DOWN = {
    "BACKEND": "django_redis.cache.RedisCache",
    # Nothing listens on port 1: every connection is refused at once, and ignored.
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
}


def test_a_change_made_while_the_store_was_down_is_seen_when_it_is_back(settings, home_page):
    working = settings.CACHES["default"]
    assert kept("before", "thing") == "before"
    settings.CACHES = {"default": REDIS_DOWN}
    home_page.save_revision().publish()
    settings.CACHES = {"default": working}
    assert kept("after", "thing") == "after"


FRAGMENT = Template(
    "{% load wagtail_cache %}"
    '{% wagtailcache 60 "greeting" content_version LANGUAGE_CODE name %}{{ greeting }} {{ name }}'
    "{% endwagtailcache %}"
)


def render_fragment(rf, **values):
    request = rf.get("/")
    context = {"request": request, **cache.context(request), **values}
    context["LANGUAGE_CODE"] = translation.get_language()
    return FRAGMENT.render(Context(context))


def test_a_fragment_is_kept_for_its_values_until_content_changes(rf, home_page):
    assert render_fragment(rf, greeting="Hello", name="Ana") == "Hello Ana"
    assert render_fragment(rf, greeting="Bye", name="Ana") == "Hello Ana"
    assert render_fragment(rf, greeting="Bye", name="Luis") == "Bye Luis"
    with translation.override("es"):
        assert render_fragment(rf, greeting="Hola", name="Ana") == "Hola Ana"

    StandardPageFactory(parent=home_page)
    assert render_fragment(rf, greeting="Bye", name="Ana") == "Bye Ana"


def test_a_request_reads_the_version_once(client, resource_index):
    """The library page caches its counts, its options, the chrome...: one read of the
    version serves them all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ResourcePageFactory(parent=resource_index, topics=[TopicFactory(name="Housing")])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(resource_index.url).status_code == 200
    table = ContentVersion._meta.db_table
    reads = [query for query in queries.captured_queries if table in query["sql"]]
    assert len(reads) == 1, reads
    assert cache.request_version.get() is cache.NOT_IN_A_REQUEST
