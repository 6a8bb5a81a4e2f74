"""Sending a page for translation publishes nothing: the Spanish copy is a draft until a
translator publishes it, and until then Spanish visitors get what they get for a page never
translated (the English page at the Spanish address, with the note), and no Spanish list,
feed or sitemap names the copy."""

from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale

import pytest

from resources.models import ResourcePage
from tests.helpers import soup, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

NOTICE = "Esta página aún no está traducida"


@pytest.fixture
def sent_for_translation(admin_client):
    """An English resource with no Spanish version, sent for translation in the admin."""
    spanish = Locale.objects.get(language_code="es")
    resource = next(
        page
        for page in ResourcePage.objects.live().filter(locale__language_code="en")
        if not page.has_translation(spanish)
    )
    submit = reverse("wagtail_localize:submit_page_translation", args=[resource.pk])
    # wagtail-localize finishes its work when the transaction commits, as in production.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert admin_client.post(submit, {"locales": [spanish.pk]}).status_code == 302
    return resource, resource.get_translation(spanish)


def test_the_spanish_copy_is_a_draft(sent_for_translation):
    _english, copy = sent_for_translation
    assert not copy.live
    assert copy.has_unpublished_changes


def test_spanish_visitors_meet_the_untranslated_page_not_english_text_posing_as_spanish(
    client, sent_for_translation
):
    english, copy = sent_for_translation
    response = client.get(copy.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == english.title
    assert page.find("main")["lang"] == "en"
    assert NOTICE in visible_text(response)


def test_no_spanish_list_feed_or_sitemap_names_the_draft(client, sent_for_translation):
    english, copy = sent_for_translation
    library = copy.get_parent().specific
    assert english.title not in visible_text(client.get(library.url, {"q": english.title}))
    assert copy.url not in client.get(library.url + "feed/").content.decode()
    assert copy.url not in client.get("/sitemap-es.xml").content.decode()
