"""The landing page's partner section shows the partners editors choose, in their order, with a
link to the directory that lists them all; landing pages made before keep what they showed."""

import importlib

from django.apps import apps

import pytest

from home.models import HomePageFeaturedPartner
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.helpers import soup

MIGRATION = importlib.import_module("home.migrations.0014_landing_page_chosen_partners")


def shown_partners(client, home_page):
    section = soup(client.get(home_page.url)).select_one(".home-section--partners")
    return section, [link.get_text(" ", strip=True) for link in section.select(".logo-grid a")]


def choose(home_page, *partners):
    home_page.featured_partners.set(
        [
            HomePageFeaturedPartner(partner=partner, sort_order=n)
            for n, partner in enumerate(partners)
        ]
    )
    home_page.save_revision().publish()


@pytest.mark.django_db
def test_the_landing_page_shows_the_partners_editors_chose_in_their_order(client, home_page):
    directory = PartnerIndexPageFactory(parent=home_page, title="Partners")
    first, _second, third = (
        PartnerPageFactory(parent=directory, title=title) for title in ["Ash", "Birch", "Cedar"]
    )
    home_page.partners_page = directory
    home_page.partners_link_label = "Meet all our partners"
    choose(home_page, third, first)

    section, names = shown_partners(client, home_page)
    assert names == ["Cedar", "Ash"]
    assert "Birch" not in section.get_text()
    link = section.find("a", string="Meet all our partners")
    assert link["href"] == directory.url

    third.unpublish()
    _section, names = shown_partners(client, home_page)
    assert names == ["Ash"]


@pytest.mark.django_db
def test_landing_pages_made_before_keep_the_partners_they_showed(home_page):
    directory = PartnerIndexPageFactory(parent=home_page, title="Partners")
    partners = [PartnerPageFactory(parent=directory, title=f"Partner {n}") for n in range(10)]
    partners[3].unpublish()
    home_page.partners_page = directory
    home_page.save_revision().publish()

    assert not home_page.featured_partners.exists()

    MIGRATION.choose_the_partners_shown_so_far(apps, schema_editor=None)

    home_page.refresh_from_db()
    expected = [partner.pk for partner in partners if partner.pk != partners[3].pk][:8]
    assert list(home_page.featured_partners.values_list("partner_id", flat=True)) == expected
    draft = home_page.get_latest_revision_as_object()
    assert [chosen.partner_id for chosen in draft.featured_partners.all()] == expected
