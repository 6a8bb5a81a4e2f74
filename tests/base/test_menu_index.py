"""The index of the pages in menus is on Wagtail's page table after every `migrate`, however
often it runs, inside a transaction that has just written pages included."""

from django.core.management import call_command
from django.db import connection

import pytest

from care_site.base.menu_index import NAME
from home.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def page_indexes():
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "wagtailcore_page")


def test_migrate_leaves_the_menu_index_in_place():
    assert NAME in page_indexes()
    HomePageFactory(title="Written in this transaction")
    call_command("migrate", verbosity=0)
    assert NAME in page_indexes()
    assert page_indexes()[NAME]["columns"] == ["depth", "path"]
