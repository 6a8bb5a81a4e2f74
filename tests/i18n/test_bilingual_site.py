"""The seeded site in both languages: interface in the visitor's language, a footer per
language, the language switcher and hreflang alternates, dates in the visitor's language, an
English-only page shown at its Spanish address with a notice, and search, the library's
filters, events and the API each keeping to the language asked for."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, Page

import pytest

from events.models import EventIndexPage, EventPage
from home.models import Footer, HomePage, StandardPage
from resources.models import ResourceIndexPage, ResourcePage, Topic
from tests.helpers import soup, visible_text

pytestmark = [pytest.mark.usefixtures("seeded"), pytest.mark.django_db]

SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def page_in(model, language, **filters):
    return model.objects.live().filter(locale__language_code=language, **filters).first()


def alternates(document):
    return {
        link["hreflang"]: link["href"]
        for link in document.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


@pytest.fixture
def english_only_page():
    home = page_in(HomePage, "en")
    page = StandardPage(title="Only in English", slug="only-in-english", body="[]")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_interface_is_in_the_visitors_language(client):
    spanish = soup(client.get("/es/"))
    english = soup(client.get("/en/"))
    assert spanish.html["lang"] == "es" and english.html["lang"] == "en"
    assert spanish.find("a", class_="skip-link").get_text(strip=True) == (
        "Ir al contenido principal"
    )
    assert english.find("a", class_="skip-link").get_text(strip=True) == "Skip to main content"
    assert spanish.find("form", role="search").button.get_text(strip=True) == "Buscar"


def test_each_language_has_its_own_footer(client):
    english_footer = Footer.objects.get(locale__language_code="en")
    spanish_footer = Footer.objects.get(locale__language_code="es")
    assert spanish_footer.translation_key == english_footer.translation_key
    footer = soup(client.get("/es/")).find("footer")
    assert "Colaborativo para el Antirracismo y la Equidad" in footer.get_text()
    links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a", href=True)}
    about = page_in(StandardPage, "es", slug__startswith="acerca")
    assert links["Acerca del Colaborativo"] == about.url
    assert links["Contacto"].startswith("/es/")
    english_links = soup(client.get("/en/")).find("footer").find_all("a", href=True)
    assert "About the Collaborative" in [a.get_text(strip=True) for a in english_links]


def test_the_switcher_links_to_the_same_page_in_the_other_language(client):
    english = page_in(EventIndexPage, "en")
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    document = soup(client.get(english.url))
    switcher = document.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang="es")["href"] == spanish.url
    assert switcher.find("a", hreflang="en")["aria-current"] == "true"
    found = alternates(document)
    assert found["es"].endswith(spanish.url) and found["en"].endswith(english.url)
    assert found["x-default"] == found["en"]
    assert soup(client.get(spanish.url)).html["lang"] == "es"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_landing_pages_switch_to_each_other_from_what_the_chrome_read(client, language):
    """A landing page's translations are the other landing pages, which the chrome reads for
    its logo link: the first view after a change does not read them a second time."""
    home = page_in(HomePage, language)
    other = page_in(HomePage, "es" if language == "en" else "en")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        document = soup(client.get(home.url))
    switcher = document.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang=other.locale.language_code)["href"] == other.url
    assert alternates(document)[other.locale.language_code].endswith(other.url)
    # Wagtail's `get_translations()`: the pages of its key but itself.
    translations_read = [
        query["sql"]
        for query in queries.captured_queries
        if f"\"translation_key\" = '{home.translation_key.hex}'" in query["sql"]
        and re.search(rf'NOT \("\w+"\."(id|page_ptr_id)" = {home.pk}\)', query["sql"])
    ]
    assert translations_read == []


def test_a_page_without_translation_switches_to_its_own_spanish_address(client, english_only_page):
    """The visitor stays on the page: its Spanish address shows it in English, in the Spanish
    chrome, and the link says so before it is followed."""
    document = soup(client.get(english_only_page.url))
    spanish_link = document.find("nav", class_="language-switcher").find("a", hreflang="es")
    assert spanish_link["href"] == "/es/only-in-english/"
    assert spanish_link.get_text(" ", strip=True) == "Español (en inglés)"
    assert set(alternates(document)) == {"en", "x-default"}

    followed = soup(client.get(spanish_link["href"]))
    assert followed.html["lang"] == "es"
    assert followed.find("h1").get_text(strip=True) == "Only in English"
    assert followed.find(class_="untranslated-notice") is not None


def test_an_untranslated_page_inside_a_translated_section_keeps_its_place(client):
    """A new resource in the English library, the library itself being translated: the Spanish
    link leads to the resource (at its Spanish fallback address), not to the Spanish home."""
    library = page_in(ResourceIndexPage, "en")
    resource = ResourcePage(
        title="Only in the English library",
        slug="only-in-the-english-library",
        body="[]",
        external_url="https://example.org/only-in-english",
    )
    library.add_child(instance=resource)
    resource.save_revision().publish()

    document = soup(client.get(resource.url))
    spanish_link = document.find("nav", class_="language-switcher").find("a", hreflang="es")
    assert spanish_link["href"] != page_in(HomePage, "es").url
    assert "(en inglés)" in spanish_link.get_text(" ", strip=True)
    followed = client.get(spanish_link["href"])
    assert followed.status_code == 200
    assert soup(followed).find("h1").get_text(strip=True) == "Only in the English library"


def test_a_translated_page_links_to_its_translation_without_a_note(client):
    english = page_in(EventIndexPage, "en")
    links = soup(client.get(english.url)).find("nav", class_="language-switcher").find_all("a")
    assert [link.get_text(" ", strip=True) for link in links] == ["English", "Español"]


def test_an_english_only_page_is_shown_in_spanish_chrome_with_a_notice(client, english_only_page):
    response = client.get("/es/only-in-english/")
    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == "es"
    main = document.find("main")
    assert main["lang"] == "en"
    notice = main.find(class_="untranslated-notice")
    assert notice["lang"] == "es"
    assert "aún no está traducida" in notice.get_text()
    assert "Only in English" in main.get_text()
    # Not announced as a Spanish version of the page; the English address is its real one.
    assert set(alternates(document)) == {"en", "x-default"}
    switcher = document.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang="en")["href"] == english_only_page.url
    assert client.get("/es/no-such-page-anywhere/").status_code == 404


def test_translated_pages_get_no_notice(client):
    response = client.get(page_in(EventIndexPage, "es").url)
    assert response.status_code == 200
    assert soup(response).find(class_="untranslated-notice") is None


def test_dates_are_written_in_the_visitors_language(client):
    meeting = EventPage.objects.live().filter(locale__language_code="es").order_by("start").first()
    text = visible_text(client.get(meeting.url))
    assert any(re.search(rf"\b{month}\b", text) for month in SPANISH_MONTHS)
    assert not any(re.search(rf"\b{month}\b", text) for month in ENGLISH_MONTHS)


def test_events_keep_to_the_language(client):
    community = page_in(EventIndexPage, "es")
    document = soup(client.get(community.url))
    spanish_urls = {event.url for event in EventPage.objects.live().child_of(community)}
    listed = {a["href"] for a in document.select("main a[href]") if a["href"] in spanish_urls}
    assert listed
    english_urls = {e.url for e in EventPage.objects.live().filter(locale__language_code="en")}
    assert not english_urls & {a["href"] for a in document.select("main a[href]")}


def test_library_filters_offer_the_languages_own_topics(client):
    library = page_in(ResourceIndexPage, "es")
    text = visible_text(client.get(library.url))
    spanish_topics = Topic.objects.filter(locale__language_code="es")
    english_topics = Topic.objects.filter(locale__language_code="en")
    assert spanish_topics and all(topic.name in text for topic in spanish_topics)
    only_english = {t.name for t in english_topics} - {t.name for t in spanish_topics}
    assert only_english and not any(name in text for name in only_english)


def test_search_keeps_to_the_language(client):
    spanish = visible_text(client.get("/es/search/", {"q": "comunidad"}))
    assert "Comunidad de Aprendizaje entre Pares" in spanish
    english = visible_text(client.get("/en/search/", {"q": "community"}))
    assert "Peer Learning Community" in english
    assert "Comunidad de Aprendizaje entre Pares" not in english


def test_the_api_keeps_to_the_language(client):
    response = client.get("/api/v2/pages/", {"locale": "es", "limit": 50})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    spanish_ids = set(Page.objects.filter(locale__language_code="es").values_list("pk", flat=True))
    assert {item["id"] for item in items} <= spanish_ids
    assert client.get("/api/v2/pages/", {"locale": "xx"}).status_code == 400


def test_the_spanish_footer_is_edited_in_the_translation_editor(admin_client):
    footer = Footer.objects.get(locale__language_code="es")
    response = admin_client.get(reverse("wagtailsnippets_home_footer:edit", args=[footer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Colaborativo para el Antirracismo y la Equidad" in page
    assert "Acerca del Colaborativo" in page
