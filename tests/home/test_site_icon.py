"""The site's icon: browsers' /favicon.ico and the icon links of every page, from the image
editors choose in the site settings, else the CARE mark shipped with the site."""

import io

from django.contrib.staticfiles import finders
from django.urls import reverse

from wagtail.models import Site

import pytest
from PIL import Image

from home.factories import ImageFactory
from home.models import SiteSettings
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def png_size(response):
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).size


def head_links(response):
    head = soup(response).head
    return {
        link["rel"][0] + (link.get("type") or link.get("sizes") or ""): link["href"]
        for link in head.find_all("link", rel=["icon", "apple-touch-icon"])
    }


def test_a_new_site_has_the_care_mark(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert png_size(response) == (512, 512)
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    links = head_links(client.get(home_page.url))
    assert links["icon48x48"] == "/favicon.ico"
    assert links["iconimage/svg+xml"].endswith("icons/care-icon.svg")
    assert links["apple-touch-icon"].endswith("icons/care-icon.png")
    assert finders.find("icons/care-icon.svg") and finders.find("icons/care-icon.png")


def test_an_editor_replaces_it_in_the_site_settings(admin_client, client, home_page):
    square = ImageFactory(file__width=600, file__height=600, file__color="#aa3300")
    site = Site.objects.get(is_default_site=True)
    edit = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    form = admin_client.get(edit)
    assert "browser tabs" in form.content.decode()
    response = admin_client.post(edit, {"contact_email": "", "icon": square.pk})
    assert response.status_code == 302
    assert SiteSettings.for_site(site).icon == square

    assert png_size(client.get("/favicon.ico")) == (48, 48)
    links = head_links(client.get(home_page.url))
    assert links["iconimage/png"] == square.get_rendition("fill-192x192|format-png").url
    assert links["apple-touch-icon"] == square.get_rendition("fill-180x180|format-png").url
    pixel = Image.open(io.BytesIO(client.get("/favicon.ico").content)).convert("RGB")
    red, green, blue = pixel.getpixel((24, 24))
    assert abs(red - 0xAA) < 4 and abs(green - 0x33) < 4 and blue < 4
