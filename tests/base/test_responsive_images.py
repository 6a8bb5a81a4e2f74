"""A responsive image's srcset names each width once, and each width is the real width of the
file it names, also for an image narrower than the widest size the template asks for (Wagtail
does not make images larger, so several sizes asked for give files of one width)."""

from django.template import engines

import pytest
from PIL import Image

from home.factories import ImageFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def render(template, image):
    source = "{% load wagtailimages_tags %}" + template
    return engines["django"].from_string(source).render({"image": image})


def candidates(srcset):
    """[(url, width)] from a srcset of width descriptors."""
    pairs = [candidate.strip().rsplit(" ", 1) for candidate in srcset.split(",")]
    assert all(descriptor.endswith("w") for _, descriptor in pairs), srcset
    return [(url, int(descriptor[:-1])) for url, descriptor in pairs]


def real_width(url, settings):
    path = settings.MEDIA_ROOT + "/" + url.removeprefix(settings.MEDIA_URL)
    with Image.open(path) as file:
        return file.width


def assert_one_true_width_each(srcset, settings):
    listed = candidates(srcset)
    widths = [width for _, width in listed]
    assert len(widths) == len(set(widths)), f"a width is listed twice: {srcset}"
    assert [real_width(url, settings) for url, _ in listed] == widths


def test_srcset_image_narrower_than_the_widest_size_lists_each_width_once(settings):
    image = ImageFactory(file__width=1200, file__height=800)
    html = render('{% srcset_image image width-{480,800,1200,1600} sizes="100vw" %}', image)
    img = soup(html).find("img")
    assert_one_true_width_each(img["srcset"], settings)
    assert [width for _, width in candidates(img["srcset"])] == [480, 800, 1200]
    assert img["width"] == "480"


def test_picture_of_a_small_logo_keeps_a_width_descriptor_for_its_sizes(settings):
    logo = ImageFactory(file__width=200, file__height=100)
    html = render('{% picture image format-{webp,png} max-{240x120,480x240} sizes="240px" %}', logo)
    picture = soup(html)
    for tag in [picture.find("source"), picture.find("img")]:
        assert_one_true_width_each(tag["srcset"], settings)
        assert [width for _, width in candidates(tag["srcset"])] == [200]


def test_a_large_image_keeps_every_size_asked_for(settings):
    image = ImageFactory(file__width=2000, file__height=1000)
    html = render('{% srcset_image image width-{480,800,1200,1600} sizes="100vw" %}', image)
    srcset = soup(html).find("img")["srcset"]
    assert_one_true_width_each(srcset, settings)
    assert [width for _, width in candidates(srcset)] == [480, 800, 1200, 1600]
