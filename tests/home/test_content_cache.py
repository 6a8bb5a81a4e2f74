"""The content cache: values kept until content changes, computed when the cache is down."""

from django.template import Context, Template
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from home import content_cache
from home.factories import ImageFactory, StandardPageFactory
from resources.factories import ResourcePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def kept(value, *parts):
    return content_cache.cached(lambda: value, content_cache.key(*parts))


def test_a_value_is_kept_until_content_changes(home_page):
    assert kept("first", "thing") == "first"
    assert kept("second", "thing") == "first"
    assert kept("other", "another thing") == "other"

    StandardPageFactory(parent=home_page, title="News")
    assert kept("third", "thing") == "third"


@pytest.mark.parametrize(
    "change",
    [
        lambda home: home.save_revision().publish(),
        lambda home: StandardPageFactory(parent=home).unpublish(),
        lambda home: TopicFactory(name="Housing"),
        lambda home: PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.LOGIN
        ),
    ],
    ids=["publish", "unpublish", "term", "view restriction"],
)
def test_what_moves_the_generation(home_page, change):
    before = content_cache.generation()
    change(home_page)
    assert content_cache.generation() > before


def test_saving_an_image_keeps_the_cache(home_page):
    """Wagtail saves an image while serving a page that shows it for the first time."""
    before = content_cache.generation()
    ImageFactory()
    assert content_cache.generation() == before


def test_a_cache_that_is_down_is_skipped(settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.care_site.broken_cache.BrokenCache", "LOCATION": "x"}
    }
    assert content_cache.key("thing") is None
    assert kept("first", "thing") == "first"
    assert kept("second", "thing") == "second"
    content_cache.bump_generation()  # logged, not raised


FRAGMENT = Template(
    '{% load content_cache_tags %}{% contentcache "greeting" name %}{{ greeting }} {{ name }}'
    "{% endcontentcache %}"
)


def render_fragment(rf, **context):
    return FRAGMENT.render(Context({"request": rf.get("/"), **context}))


def test_a_fragment_is_kept_for_its_values_until_content_changes(rf, home_page):
    assert render_fragment(rf, greeting="Hello", name="Ana") == "Hello Ana"
    assert render_fragment(rf, greeting="Bye", name="Ana") == "Hello Ana"
    assert render_fragment(rf, greeting="Bye", name="Luis") == "Bye Luis"
    with translation.override("es"):
        assert render_fragment(rf, greeting="Hola", name="Ana") == "Hola Ana"

    StandardPageFactory(parent=home_page)
    assert render_fragment(rf, greeting="Bye", name="Ana") == "Bye Ana"


def test_a_request_reads_the_generation_once(client, monkeypatch, resource_index):
    """The library page caches its counts, its options, the chrome...: one read of the
    generation serves them all."""
    reads = []
    real_get = content_cache.cache.get

    def counting_get(key, *args, **kwargs):
        if key == content_cache.GENERATION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    ResourcePageFactory(parent=resource_index, topics=[TopicFactory(name="Housing")])
    monkeypatch.setattr(content_cache.cache, "get", counting_get)
    assert client.get(resource_index.url).status_code == 200
    assert len(reads) == 1
    assert content_cache.request_generation.get() is content_cache.NOT_IN_A_REQUEST
