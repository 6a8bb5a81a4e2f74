"""The site's public address is configuration, given once (CARE_PUBLIC_URL): after `migrate`,
every absolute link the site writes starts with it, in both languages, whatever host the
request came in on (behind a proxy, an internal name). Calendar UIDs take the address the site
was first set up with, and keep it."""

import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models.signals import post_save

from wagtail.models import Site

import icalendar
import pytest

from care_site.base.public_address import absolute_url, parse_public_url
from care_site.base.sites import apply_public_address
from events.factories import EventIndexPageFactory
from events.models import CalendarIdentity
from forms.factories import FormFieldFactory, FormPageFactory
from home.factories import DocumentFactory, ImageFactory, StandardPageFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.events.conftest import make_event, ny
from tests.forms.support import filled
from tests.helpers import json_ld_blocks, soup
from tests.seo.conftest import breadcrumb_list, json_ld_of_type, meta, translate

pytestmark = pytest.mark.django_db

PUBLIC = "https://care.example.org"
# What the request says its host is: a name only the proxy knows.
INTERNAL_HOST = "localhost"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def give_address(settings, url):
    """What an operator does: set CARE_PUBLIC_URL (settings derive the admin and API base URLs
    from it when the process starts, so they are set alongside) and run `migrate`."""
    origin = parse_public_url(url).origin
    settings.CARE_PUBLIC_URL = origin
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = origin
    call_command("migrate", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def public(settings, home_page):
    """A site set up at PUBLIC: its first `migrate` ran with the address (the test database
    was first migrated with the test settings' address, so that record is removed first)."""
    CalendarIdentity.objects.all().delete()
    give_address(settings, PUBLIC)
    return PUBLIC


def on_public_origin(url):
    assert url.startswith(PUBLIC + "/"), url
    return urlsplit(url).path


def get(client, url, **params):
    response = client.get(url, params, HTTP_HOST=INTERNAL_HOST)
    assert response.status_code == 200, url
    return response


def xml(response):
    return ET.fromstring(response.content)  # noqa: S314 (the site's own answer)


# The setting and the Site record -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "hostname", "port", "origin"),
    [
        ("https://care.example.org", "care.example.org", 443, "https://care.example.org"),
        ("https://Care.Example.org:443/", "care.example.org", 443, "https://care.example.org"),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("http://care.test", "care.test", 80, "http://care.test"),
    ],
)
def test_the_address_gives_what_wagtails_site_says(url, hostname, port, origin):
    address = parse_public_url(url)
    assert (address.hostname, address.port, address.origin) == (hostname, port, origin)
    assert Site(hostname=hostname, port=port).root_url == origin


@pytest.mark.parametrize(
    "url",
    [
        "care.example.org",
        "ftp://care.example.org",
        "https://care.example.org/cms/",
        "https://care.example.org/?x=1",
        "https://care.example.org:8443",
        "http://care.example.org:443",
        "https://[::1]",
    ],
)
def test_an_address_wagtails_site_cannot_say_is_refused_with_the_fix(url):
    with pytest.raises(ImproperlyConfigured, match="CARE_PUBLIC_URL.*https://care.example.org"):
        parse_public_url(url)


def test_migrate_gives_the_default_site_the_public_address_once(settings, home_page):
    saves = []

    def count(sender, instance, **kwargs):
        saves.append((instance.hostname, instance.port))

    settings.CARE_PUBLIC_URL = PUBLIC
    post_save.connect(count, sender=Site)
    try:
        output = io.StringIO()
        call_command("migrate", stdout=output)
        assert "https://care.example.org" in output.getvalue()
        call_command("migrate", stdout=io.StringIO())
    finally:
        post_save.disconnect(count, sender=Site)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("care.example.org", 443, PUBLIC)
    assert site.root_page_id == home_page.pk
    assert saves == [("care.example.org", 443)]  # the second migrate found nothing to do


def test_a_database_without_a_default_site_is_left_alone(settings):
    settings.CARE_PUBLIC_URL = PUBLIC
    Site.objects.all().delete()
    assert apply_public_address() is None
    assert not Site.objects.exists()


def test_absolute_urls_join_paths_and_keep_absolute_ones(settings):
    settings.CARE_PUBLIC_URL = PUBLIC
    assert absolute_url("/en/about/") == f"{PUBLIC}/en/about/"
    assert absolute_url("https://bucket.example.net/a.pdf") == "https://bucket.example.net/a.pdf"


# Pages -------------------------------------------------------------------------------------------


def test_head_links_use_the_public_address_in_both_languages(client, public, home_page, spanish):
    about = StandardPageFactory(parent=home_page, title="About", image=ImageFactory())
    sobre = translate(about, spanish, title="Sobre nosotros")
    for page, other in ((about, sobre), (sobre, about)):
        response = get(client, page.url)
        document = soup(response)
        canonical = document.find("link", rel="canonical")["href"]
        assert on_public_origin(canonical) == page.url
        assert meta(response, "og:url") == canonical
        on_public_origin(meta(response, "og:image"))
        alternates = {
            link["hreflang"]: link["href"]
            for link in document.find_all("link", rel="alternate", hreflang=True)
        }
        code = other.locale.language_code
        assert on_public_origin(alternates[code]) == other.url
        on_public_origin(alternates["x-default"])
        assert [on_public_origin(item) for item in breadcrumb_items(response)] == [
            page.get_parent().url,
            page.url,
        ]


def breadcrumb_items(response):
    [block] = [block for block in json_ld_blocks(response) if block["@type"] == "BreadcrumbList"]
    assert breadcrumb_list(response)  # the trail the visitor sees is there too
    return [element["item"] for element in block["itemListElement"]]


def test_the_organization_json_ld_uses_the_public_address(client, public, home_page, spanish_home):
    for home in (home_page, spanish_home):
        data = json_ld_of_type(get(client, home.url), "Organization")
        assert on_public_origin(data["url"]) == home.url


# Crawlers ----------------------------------------------------------------------------------------


def test_sitemaps_and_robots_use_the_public_address(client, public, home_page, spanish):
    about = StandardPageFactory(parent=home_page, title="About")
    sobre = translate(about, spanish, title="Sobre nosotros")
    index = xml(get(client, "/sitemap.xml"))
    assert [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)] == [
        f"{PUBLIC}/sitemap-en.xml",
        f"{PUBLIC}/sitemap-es.xml",
    ]
    for code, page, other in (("en", about, sobre), ("es", sobre, about)):
        sitemap = xml(get(client, f"/sitemap-{code}.xml"))
        urls = {url.find("sm:loc", NS).text: url for url in sitemap.findall("sm:url", NS)}
        assert all(loc.startswith(PUBLIC + "/") for loc in urls)
        entry = urls[f"{PUBLIC}{page.url}"]
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)
        }
        assert alternates[other.locale.language_code] == f"{PUBLIC}{other.url}"
        assert alternates["x-default"] == f"{PUBLIC}{about.url}"
    robots = get(client, "/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


# The library -------------------------------------------------------------------------------------


def test_resource_json_ld_and_the_feed_use_the_public_address(client, public, home_page, spanish):
    library = ResourceIndexPageFactory(parent=home_page, title="Resources")
    report = ResourcePageFactory(parent=library, external_url="", document=DocumentFactory())
    informe = translate(report, spanish, title="Informe")
    for page in (report, informe):
        data = resource_ld(client, page)
        assert on_public_origin(data["url"]) == page.url
        on_public_origin(data["associatedMedia"]["contentUrl"])
    for index in (library, informe.get_parent().specific):
        response = get(client, index.url + "feed/", topic="x")
        channel = xml(response).find("channel")
        assert on_public_origin(channel.findtext("link")) == index.url
        self_link = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
        assert self_link == f"{PUBLIC}{index.url}feed/?topic=x"
    response = get(client, library.url + "feed/")
    [item] = xml(response).find("channel").findall("item")
    assert item.findtext("link") == item.findtext("guid") == f"{PUBLIC}{report.url}"


def resource_ld(client, page):
    response = get(client, page.url)
    [data] = [block for block in json_ld_blocks(response) if block.get("name") == page.title]
    return data


@pytest.mark.parametrize("page_cache", [False, True])
def test_the_feed_may_be_kept_ten_minutes_by_browsers_and_proxies(
    client, settings, resource_index, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache  # whose own lifetime for pages is a minute
    response = client.get(resource_index.url + "feed/")
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=600"}


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


# Calendars ---------------------------------------------------------------------------------------


def test_calendars_use_the_public_address(client, public, home_page, spanish):
    community = EventIndexPageFactory(parent=home_page, title="Peer learning community")
    event = make_event(community, ny(2030, 7, 24), title="July meeting")
    reunion = translate(event, spanish, title="Reunión de julio")
    comunidad = reunion.get_parent().specific
    for page, feed in ((event, community), (reunion, comunidad)):
        [vevent] = fetch_calendar(client, page.url + "ical/").walk("VEVENT")
        assert on_public_origin(str(vevent["URL"])) == page.url
        assert str(vevent["UID"]) == f"event-{event.translation_key}@care.example.org"
        assert f"{PUBLIC}{page.url}" in str(vevent["DESCRIPTION"])
        data = json_ld_of_type(get(client, page.url), "Event")
        assert on_public_origin(data["url"]) == page.url
        assert data["organizer"]["url"] == f"{PUBLIC}/"

        document = soup(get(client, feed.url))
        feed_address = f"{PUBLIC}{feed.url}ical/"
        hrefs = [a["href"] for a in document.find_all("a")]
        assert "webcal://care.example.org" + feed.url + "ical/" in hrefs
        google = next(href for href in hrefs if href.startswith("https://calendar.google.com/"))
        assert parse_qs(urlsplit(google).query)["cid"] == [
            f"webcal://care.example.org{feed.url}ical/"
        ]
        assert document.find("link", attrs={"type": "text/calendar"})["href"] == feed_address
        uids = [str(e["UID"]) for e in fetch_calendar(client, feed.url + "ical/").walk("VEVENT")]
        assert uids == [f"event-{event.translation_key}@care.example.org"]


def fetch_calendar(client, url):
    response = get(client, url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_a_meetings_uid_survives_a_change_of_address(client, settings, event_index):
    """The test database was first migrated at http://localhost: its meetings keep that."""
    event = make_event(event_index, ny(2030, 7, 24))
    url = event.url + "ical/"
    [before] = fetch_calendar(client, url).walk("VEVENT")
    give_address(settings, "https://calendar.care.example.org")
    [after] = fetch_calendar(client, url).walk("VEVENT")
    assert str(after["URL"]).startswith("https://calendar.care.example.org/")
    assert str(before["URL"]).startswith("http://localhost/")
    assert str(after["UID"]) == str(before["UID"]) == f"event-{event.translation_key}@localhost"
    assert CalendarIdentity.objects.get().uid_domain == "localhost"


def test_the_uid_domain_is_recorded_by_the_first_migrate_only(settings, db):
    CalendarIdentity.objects.all().delete()
    give_address(settings, PUBLIC)
    give_address(settings, "https://another.example.org")
    assert list(CalendarIdentity.objects.values_list("uid_domain", flat=True)) == [
        "care.example.org"
    ]


@pytest.mark.parametrize("page_cache", [False, True])
def test_calendars_may_be_kept_five_minutes_by_browsers_and_proxies(
    client, settings, event_index, page_cache
):
    settings.PAGE_CACHE_ENABLED = page_cache
    event = make_event(event_index, ny(2030, 7, 24))
    for url in (event.url + "ical/", event_index.url + "ical/"):
        assert cache_control(get(client, url)) == {"public", "max-age=300"}


# The API and emails ------------------------------------------------------------------------------


def test_the_api_links_use_the_public_address(client, public, home_page, spanish, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.care.example.org"  # an admin elsewhere
    about = StandardPageFactory(parent=home_page, title="About", image=ImageFactory())
    sobre = translate(about, spanish, title="Sobre nosotros")
    for page in (about, sobre):
        data = get(client, f"/api/v2/pages/{page.pk}/").json()
        assert on_public_origin(data["meta"]["html_url"]) == page.url
        assert data["meta"]["detail_url"] == f"{PUBLIC}/api/v2/pages/{page.pk}/"
        on_public_origin(data["image"]["full_url"])
    listing = get(client, "/api/v2/pages/", locale="es").json()
    assert all(item["meta"]["html_url"].startswith(PUBLIC + "/") for item in listing["items"])


def test_staff_emails_link_to_the_public_address(
    client, public, home_page, spanish, django_capture_on_commit_callbacks
):
    form = FormPageFactory(parent=home_page, title="Connect with us")
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    formulario = translate(form, spanish, title="Contacto")
    for page in (form, formulario):
        with django_capture_on_commit_callbacks(execute=True):
            answer = filled(page, {"your_name": "Ada Lovelace"})
            response = client.post(page.url, answer, HTTP_HOST=INTERNAL_HOST)
        assert response.status_code == 200
    assert len(mail.outbox) == 2
    for message, page in zip(mail.outbox, (form, formulario), strict=True):
        links = re.findall(r"https?://\S+", message.body)
        assert links == [f"{PUBLIC}/admin/forms/submissions/{page.pk}/"]
