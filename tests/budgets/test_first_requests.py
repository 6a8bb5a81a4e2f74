"""What the first visitor after a change costs, with every cache emptied: no query that is
known to find nothing, and no column read row by row after a narrow read left it out.

Django compiles a query that can find nothing (a filter on an empty list, `.none()`) in full,
then drops it without sending it: on a first request, where every query is built, each one
cost as much Python as a query the database answers (1-2 ms at 10,000 resources), and the
query counts never see it. A list read as narrow rows (cards) that shows a column it did not
read asks for it once per row."""

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Model
from django.db.models.sql.compiler import SQLCompiler

import pytest

from home.models import HomePage
from partners.models import PartnerIndexPage
from tests.budgets.test_query_budgets import BUDGETS

pytestmark = pytest.mark.usefixtures("seeded")

PAGES = [*BUDGETS, "partners", "form"]


@pytest.fixture
def wasted(monkeypatch):
    """What a request built for nothing: queries found empty without the database, and
    columns loaded one row at a time."""
    found = []
    as_sql, refresh_from_db = SQLCompiler.as_sql, Model.refresh_from_db

    def compiling(self, *args, **kwargs):
        try:
            return as_sql(self, *args, **kwargs)
        except EmptyResultSet:
            found.append(f"an empty query of {self.query.model.__name__}")
            raise

    def refreshing(self, using=None, fields=None, **kwargs):
        found.append(f"{type(self).__name__}.{', '.join(fields or ['every field'])}")
        return refresh_from_db(self, using=using, fields=fields, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", compiling)
    monkeypatch.setattr(Model, "refresh_from_db", refreshing)
    return found


@pytest.mark.parametrize("name", PAGES)
def test_a_first_request_builds_nothing_for_nothing(client, targets, wasted, name):
    cache.clear()
    response = client.get(targets[name])
    assert response.status_code == 200
    assert wasted == [], f"{name} ({targets[name]}) built, for nothing: {wasted}"


@pytest.mark.parametrize("model", [PartnerIndexPage, HomePage])
def test_the_apis_first_cards_build_nothing_for_nothing(client, wasted, model):
    page = model.objects.live().filter(locale__language_code="en").first()
    cache.clear()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    assert response.json()["partners"], "the page lists partners as cards"
    assert wasted == [], f"the API's {model.__name__} built, for nothing: {wasted}"
