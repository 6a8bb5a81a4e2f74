"""The demo site as `seed_demo` builds it, once per module, and how a request's queries are
counted: the second of two identical requests (caches warm), the page cache off."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from bench.targets import find_targets
from home.seed.synthetic import SyntheticSeeder, index_pages


@pytest.fixture
def targets(seeded, db):
    return find_targets()


def warm_queries(client, url):
    """The SQL of the second of two requests for `url` (the first fills the caches)."""
    first = client.get(url)
    assert first.status_code == 200, f"{url} answered {first.status_code}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries], response


def listing(sql):
    return "\n".join(f"  {number}. {query}" for number, query in enumerate(sql, start=1))


def grow(count):
    """Resources, partners and meetings up to `count` of each (synthetic, numbered from 1)."""
    added = SyntheticSeeder(count, partners=count, events=count).run()
    index_pages(added.pages)
