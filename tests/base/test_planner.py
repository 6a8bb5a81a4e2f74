"""The planner's helpers change how each database is asked, never what is found."""

from django.db import connection

from wagtail.models import PageViewRestriction

import pytest

from care_site.base.planner import own_rows_first, shown_children
from events.factories import EventPageFactory
from events.models import EventPage
from partners.factories import PartnerPageFactory
from partners.models import PartnerPage


@pytest.fixture
def partners(partner_index):
    shown = [PartnerPageFactory(parent=partner_index, title=f"Partner {n}") for n in range(3)]
    PartnerPageFactory(parent=partner_index, title="Draft", live=False)
    return shown


def test_the_same_pages_are_found(partners, partner_index):
    asked = PartnerPage.objects.child_of(partner_index).live().order_by("path")
    assert list(own_rows_first(asked)) == list(asked) == partners
    named = own_rows_first(asked, title__startswith="Partner 1")
    assert list(named) == [partners[1]]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite is asked differently")
def test_a_planner_with_statistics_is_asked_as_written(partner_index):
    asked = PartnerPage.objects.child_of(partner_index).live()
    assert str(own_rows_first(asked).query) == str(asked.query)


def test_a_sections_listing_holds_its_live_public_children_of_the_type(partners, partner_index):
    private = PartnerPageFactory(parent=partner_index, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    # A partner elsewhere in the tree (under its grandchild) is not a child.
    PartnerPageFactory(parent=partners[0], title="Nested")
    listed = shown_children(partner_index, PartnerPage)
    assert list(listed) == partners  # in the tree's order, as Wagtail lists children
    assert listed.count() == 3
    assert list(listed.filter(title="Partner 2")) == [partners[2]]


def test_a_sections_listing_holds_only_pages_of_the_type(event_index):
    meeting = EventPageFactory(parent=event_index, title="Monthly meeting")
    stray = PartnerPageFactory(parent=event_index, title="Not a meeting")
    assert list(shown_children(event_index, EventPage)) == [meeting]
    assert list(shown_children(event_index, PartnerPage)) == [stray]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL is asked this way")
def test_postgresql_reads_the_sections_pages_first(partner_index):
    sql = str(shown_children(partner_index, PartnerPage).query)
    assert '"partners_partnerpage"."page_ptr_id" = ANY(ARRAY(SELECT' in sql
