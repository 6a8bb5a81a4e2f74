"""The 'not found' page helps people on: a search box and the resource library and the
community's events, in the visitor's language, and it is never indexed."""

import pytest

from tests.helpers import soup
from tests.seo.conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(resource_index, event_index):
    return resource_index, event_index


def test_not_found_offers_search_and_the_library_and_events(client, sections):
    library, events = sections
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    document = soup(response)
    search = document.find("form", attrs={"role": "search"}, action="/en/search/")
    assert search is not None
    assert search.find("input", attrs={"name": "q"}) is not None
    links = {link["href"]: link.get_text(strip=True) for link in document.select(".not-found a")}
    assert links[library.url] == library.title
    assert links[events.url] == events.title
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_spanish_visitors_get_the_spanish_sections(client, sections, spanish_home, spanish):
    library, events = sections
    spanish_library = translate(library, spanish, title="Biblioteca de recursos")
    spanish_events = translate(events, spanish, title="Comunidad de aprendizaje")
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    document = soup(response)
    assert document.html["lang"] == "es"
    assert document.find("form", attrs={"role": "search"}, action="/es/search/") is not None
    hrefs = [link["href"] for link in document.select(".not-found a")]
    assert spanish_library.url in hrefs
    assert spanish_events.url in hrefs
    assert library.url not in hrefs
    texts = [link.get_text(strip=True) for link in document.select(".not-found a")]
    assert "Biblioteca de recursos" in texts
    assert "Comunidad de aprendizaje" in texts


def test_not_found_without_sections_still_offers_search(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert soup(response).find("form", attrs={"role": "search"}) is not None
