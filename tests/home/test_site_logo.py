"""The logo at the top of every page and the site's typeface: the CARE wordmark and Atkinson
Hyperlegible Next shipped with the site, the logo replaceable in the site settings."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from wagtail.models import Site

import pytest

from home.factories import ImageFactory
from home.models import SiteSettings
from tests.helpers import soup

pytestmark = pytest.mark.django_db

# What a screen reader announces for the logo: the site name (WAGTAIL_SITE_NAME, as no Site
# name is set here).
SITE_NAME = "Collaborative for Anti-Racism & Equity"
FONT_FILES = [
    "fonts/atkinson-hyperlegible-next-latin-400-normal.woff2",
    "fonts/atkinson-hyperlegible-next-latin-700-normal.woff2",
    "fonts/atkinson-hyperlegible-next-latin-400-italic.woff2",
]


def header_logo(response):
    link = soup(response).select_one("header a.site-name")
    return link, link.find("img")


def test_every_page_opens_with_the_care_wordmark_named_for_screen_readers(client, home_page):
    link, logo = header_logo(client.get(home_page.url))
    assert link["href"] == home_page.url
    assert logo["src"].endswith("home/care-wordmark.svg")
    assert (logo["width"], logo["height"]) == ("248", "64")
    assert logo["alt"] == SITE_NAME
    wordmark = finders.find("home/care-wordmark.svg")
    assert wordmark and 'viewBox="0 0 248 64"' in Path(wordmark).read_text()


def test_an_editor_replaces_the_logo_in_the_site_settings(admin_client, client, home_page):
    wide = ImageFactory(file__width=600, file__height=150)
    site = Site.objects.get(is_default_site=True)
    edit = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    assert "in place of the CARE wordmark" in admin_client.get(edit).content.decode()
    response = admin_client.post(edit, {"contact_email": "", "logo": wide.pk})
    assert response.status_code == 302
    assert SiteSettings.for_site(site).logo == wide

    _link, logo = header_logo(client.get(home_page.url))
    rendition = wide.get_rendition("height-96")
    assert logo["src"] == rendition.url
    assert (logo["width"], logo["height"]) == ("384", "96")
    assert logo["alt"] == SITE_NAME


def test_the_typeface_is_self_hosted_preloaded_and_swapped_in(client, home_page):
    head = soup(client.get(home_page.url)).head
    preloaded = [link["href"] for link in head.find_all("link", rel="preload")]
    assert [href.rsplit("/", 1)[-1] for href in preloaded] == [
        name.rsplit("/", 1)[-1] for name in FONT_FILES[:2]
    ]
    for link in head.find_all("link", rel="preload"):
        assert (link["as"], link["type"]) == ("font", "font/woff2")
        assert link.has_attr("crossorigin")
    for name in FONT_FILES:
        path = finders.find(name)
        assert path and Path(path).read_bytes()[:4] == b"wOF2", name
    css = Path(finders.find("css/site.css")).read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == len(FONT_FILES)
    assert all("font-display: swap" in face for face in faces)
    assert sorted(re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)) == sorted(FONT_FILES)
    assert finders.find("fonts/OFL-atkinson-hyperlegible-next.txt")
