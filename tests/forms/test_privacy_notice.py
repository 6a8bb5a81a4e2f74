"""Every form's consent box links the privacy notice the editors chose in the site settings, in
the visitor's language, so people can read what is kept, who sees it and for how long before
they send anything."""

from wagtail.models import Site

import pytest

from home.factories import StandardPageFactory
from home.models import SiteSettings
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def choose_privacy_notice(page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = page
    settings.save()


def consent_box(response):
    assert response.status_code == 200
    consent = soup(response).find("input", attrs={"name": "care_consent"})
    return consent.find_parent(class_="form-field")


@pytest.fixture
def privacy_notice(home_page):
    return StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")


def test_the_consent_box_links_the_chosen_privacy_notice(client, contact_form, privacy_notice):
    choose_privacy_notice(privacy_notice)

    link = consent_box(client.get(contact_form.url)).find("a")

    assert link["href"] == privacy_notice.url
    assert "Privacy notice" in link.get_text()


def test_a_spanish_form_links_the_spanish_notice(
    client, contact_form, privacy_notice, spanish_home, spanish
):
    spanish_notice = privacy_notice.copy_for_translation(spanish)
    spanish_notice.title = "Aviso de privacidad"
    spanish_notice.save_revision().publish()
    spanish_form = contact_form.copy_for_translation(spanish)
    spanish_form.save_revision().publish()
    choose_privacy_notice(privacy_notice)

    link = consent_box(client.get(spanish_form.url)).find("a")

    assert link["href"] == spanish_notice.url
    assert "Aviso de privacidad" in link.get_text()
    assert "Lea cómo usamos y guardamos sus respuestas" in link.get_text()


def test_no_link_until_a_notice_is_chosen_or_while_it_is_unpublished(
    client, contact_form, privacy_notice
):
    assert consent_box(client.get(contact_form.url)).find("a") is None

    choose_privacy_notice(privacy_notice)
    privacy_notice.unpublish()

    assert consent_box(client.get(contact_form.url)).find("a") is None


def test_editors_choose_the_notice_with_a_page_chooser(admin_client, home_page):
    site = Site.objects.get(is_default_site=True)

    response = admin_client.get(f"/admin/settings/home/sitesettings/{site.pk}/")

    assert response.status_code == 200
    chooser = soup(response).find(attrs={"name": "privacy_page"})
    assert chooser is not None
    assert "page-chooser" in str(chooser.find_parent(attrs={"data-controller": True}))
