"""Shared fixtures: a landing page at the root of the default Site, the three index pages under
it, and Wagtail's page-test assertions bound to a logged-in admin client."""

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

import pytest

from events.factories import EventIndexPageFactory
from partners.factories import PartnerIndexPageFactory
from resources.factories import ResourceIndexPageFactory
from search import stats as search_stats
from tests.helpers import make_landing_page, run_seed_demo


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT has not been collected; tests never serve static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def pytest_collection_modifyitems(items):
    """The tests on the seeded demo site run last, together, so it is seeded once (`seeded`)."""
    items.sort(key=lambda item: "seeded" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches site root paths and image renditions. Rolled-back tests can reuse row
    ids (SQLite does), so a cached entry could describe another test's object."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_buffered_searches():
    """Searches are counted in memory until flushed (search/stats.py): one test's must not be
    written into another's database."""
    yield
    search_stats._pending.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its page's language for the rest of the thread; code a later test
    calls outside a request (blocks, template tags) would read it."""
    yield
    translation.deactivate()


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def home_page(db):
    """A HomePage replacing Wagtail's welcome page as the default Site's root."""
    return make_landing_page()


@pytest.fixture
def spanish_home(home_page, spanish):
    """The landing page's Spanish translation, published."""
    translation = home_page.copy_for_translation(spanish)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def resource_index(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def partner_index(home_page):
    return PartnerIndexPageFactory(parent=home_page)


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def page_asserts(admin_client):
    """Wagtail's WagtailPageTestCase assertions (assertCanCreate and friends), using the
    admin client so the admin create form is posted as a superuser."""
    case = WagtailPageTestCase()
    case.client = admin_client
    return case


@pytest.fixture(scope="session")
def seeded(django_db_setup, django_db_blocker):
    """The demo site, seeded once inside a transaction rolled back when the session ends; each
    test's own transaction nests in it. Modules use it with
    `pytestmark = pytest.mark.usefixtures("seeded")`, and run after every other test
    (`pytest_collection_modifyitems`), so no other test sees the seeded rows."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            run_seed_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            # Cached site roots and renditions would point at rows that no longer exist.
            cache.clear()
