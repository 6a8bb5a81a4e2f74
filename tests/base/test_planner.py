"""`own_rows_first` changes how SQLite is asked, never what is found."""

from django.db import connection

import pytest

from care_site.base.planner import own_rows_first
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
