"""The "Translation status" report: each page of the default language, with its status in
Spanish (missing, not started or partly translated as wagtail-localize counts the pieces of
text, up to date, out of date once the English page is published again after the last sync),
filterable by status, listed in the Reports menu."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail_localize.models import Translation, TranslationSource

import pytest
import time_machine

from home.factories import StandardPageFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

REPORT = "translation_status_report:index"


def translate(page, locale, share=1.0):
    """Translate `page` through wagtail-localize, as the "Translate this page" action does, and
    `share` of its pieces of text in the translation editor."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    for number, entry in enumerate(po):
        if number < len(po) * share:
            entry.msgstr = f"ES {entry.msgid}"
    translation.import_po(po)
    # wagtail-localize publishes when the transaction commits, as in production.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale)


@pytest.fixture
def pages(home_page, spanish):
    start = timezone.now() - datetime.timedelta(days=2)
    with time_machine.travel(start, tick=False):
        translate(home_page, spanish)
        about = StandardPageFactory(parent=home_page, title="About", slug="about")
        privacy = StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
        StandardPageFactory(parent=home_page, title="Draft idea", slug="idea")
        untouched = StandardPageFactory(parent=home_page, title="Untouched", slug="untouched")
        half = StandardPageFactory(
            parent=home_page, title="Half", slug="half", summary="One.", search_description="Two."
        )
        translate(about, spanish)
        translate(privacy, spanish)
        translate(untouched, spanish, share=0)
        translate(half, spanish, share=0.5)
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        privacy.title = "Privacy notice"
        privacy.save_revision().publish()
    return home_page


def statuses(response):
    """{page title: Spanish status} from the report's table."""
    rows = {}
    for row in soup(response).select("table.listing tbody tr"):
        cells = row.find_all("td")
        rows[cells[0].get_text(" ", strip=True)] = cells[2].find("span").get_text(strip=True)
    return rows


def test_the_report_lists_each_pages_status_per_language(admin_client, pages):
    response = admin_client.get(reverse(REPORT))
    assert response.status_code == 200
    headers = [th.get_text(strip=True) for th in soup(response).select("table.listing thead th")]
    assert headers[-1] == "Spanish"
    found = statuses(response)
    assert found["About"] == "Up to date"
    assert found["Privacy notice"] == "Out of date"
    assert found["Draft idea"] == "Missing"
    assert found["Untouched"] == "Not started"
    # The share wagtail-localize's own count gives (3 of the page's 5 pieces of text here).
    half = pages.get_children().get(slug="half")
    total, done = Translation.objects.get(source__object_id=half.translation_key).get_progress()
    assert 0 < done < total
    assert found["Half"] == f"{done * 100 // total}% translated"


def test_the_report_filters_by_status(admin_client, pages):
    response = admin_client.get(reverse(REPORT), {"status": "missing"})
    assert set(statuses(response)) == {"Draft idea"}
    response = admin_client.get(reverse(REPORT), {"status": "out_of_date"})
    assert set(statuses(response)) == {"Privacy notice"}
    assert admin_client.get(reverse(REPORT), {"status": "nonsense"}).status_code == 200


def test_syncing_brings_a_page_up_to_date(admin_client, pages, spanish):
    privacy = pages.get_children().get(slug="privacy").specific
    source = TranslationSource.objects.get(object_id=privacy.translation_key)
    source.update_from_db()
    response = admin_client.get(reverse(REPORT), {"status": "out_of_date"})
    assert statuses(response) == {}


def test_missing_links_to_translate_and_the_menu_lists_the_report(admin_client, pages):
    document = soup(admin_client.get(reverse(REPORT), {"status": "missing"}))
    idea = pages.get_children().get(slug="idea")
    link = reverse("wagtail_localize:submit_page_translation", args=[idea.pk])
    assert document.find("a", href=link)
    menu = soup(admin_client.get(reverse("wagtailadmin_home")))
    assert reverse(REPORT) in str(menu)


def test_the_report_exports(admin_client, pages):
    response = admin_client.get(reverse(REPORT), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Draft idea" in content and "Missing" in content


def test_people_who_cannot_edit_pages_cannot_see_it(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
