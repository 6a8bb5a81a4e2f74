"""The CDN copy is purged from the same list that empties the site's own cache: a page's
addresses in both languages and the listings and feeds that showed it, when it is published,
unpublished or made private; every page when something site-wide changes. A slow or failing
purge server never stalls or breaks publishing (loopback servers only)."""

import http.server
import threading
import time

from wagtail.models import Locale, PageViewRestriction

import pytest

from care_site.frontend_cache import TimeoutHTTPBackend
from home.factories import StandardPageFactory
from home.models import Footer
from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    delay = 0.0
    status = 200
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        time.sleep(self.delay)
        type(self).purged.append((self.headers["Host"], self.path))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    def start(delay=0.0, status=200):
        handler = type(
            "Handler", (PurgeRecorder,), {"delay": delay, "status": status, "purged": []}
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", handler

    servers = []
    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def configure(settings):
    def apply(location, timeout=0.5):
        settings.WAGTAILFRONTENDCACHE = {
            "proxy": {
                "BACKEND": "care_site.frontend_cache.TimeoutHTTPBackend",
                "LOCATION": location,
                "TIMEOUT": timeout,
            }
        }

    return apply


@pytest.mark.django_db
def test_publishing_purges_the_page_in_each_language(purge_server, configure, home_page):
    location, handler = purge_server()
    configure(location)
    page = StandardPageFactory(parent=home_page, slug="about")
    page.save_revision().publish()
    assert ("localhost", "/en/about/") in handler.purged


@pytest.fixture
def bilingual_resource(home_page, resource_index, partner_index):
    """A resource published by a partner, with the library, landing page and partner page, all
    in English and Spanish."""
    spanish = Locale.objects.get(language_code="es")
    partner = PartnerPageFactory(parent=partner_index, slug="nphl")
    resource = ResourcePageFactory(parent=resource_index, slug="toolkit", publisher_page=partner)
    for page in (home_page, resource_index, partner_index, partner, resource):
        page.refresh_from_db()
        page.copy_for_translation(spanish, copy_parents=True).save_revision().publish()
    return resource


def paths(handler):
    return {path for _host, path in handler.purged}


SHOWN_WITH_THE_RESOURCE = {
    "/en/resources/toolkit/",
    "/es/resources/toolkit/",
    "/en/resources/",
    "/es/resources/",
    "/en/resources/feed/",
    "/es/resources/feed/",
    "/en/",
    "/es/",
    "/en/partners/nphl/",
    "/es/partners/nphl/",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda page: page.save_revision().publish(),
        lambda page: page.unpublish(),
        lambda page: PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-board"
        ),
    ],
    ids=["publish", "unpublish", "made private"],
)
def test_a_change_to_a_page_purges_it_and_what_lists_it_in_both_languages(
    purge_server, configure, bilingual_resource, change, django_capture_on_commit_callbacks
):
    location, handler = purge_server()
    configure(location)
    with django_capture_on_commit_callbacks(execute=True):
        change(bilingual_resource)
    missing = SHOWN_WITH_THE_RESOURCE - paths(handler)
    assert not missing, f"not purged: {sorted(missing)}"


@pytest.mark.django_db
def test_a_footer_edit_purges_every_page(
    purge_server, configure, bilingual_resource, django_capture_on_commit_callbacks
):
    location, handler = purge_server()
    configure(location)
    with django_capture_on_commit_callbacks(execute=True):
        Footer.objects.update_or_create(
            locale=bilingual_resource.locale, defaults={"text": "CARE is a network."}
        )
    missing = (SHOWN_WITH_THE_RESOURCE | {"/en/partners/", "/es/partners/"}) - paths(handler)
    assert not missing, f"not purged: {sorted(missing)}"


def test_a_slow_purge_server_is_given_up_on_quickly(purge_server, caplog):
    location, _handler = purge_server(delay=3)
    backend = TimeoutHTTPBackend({"LOCATION": location, "TIMEOUT": 0.3})
    started = time.monotonic()
    backend.purge("http://localhost/en/about/")
    assert time.monotonic() - started < 2
    assert "Couldn't purge" in caplog.text


def test_a_failing_purge_is_logged_not_raised(purge_server, caplog):
    location, _handler = purge_server(status=500)
    TimeoutHTTPBackend({"LOCATION": location, "TIMEOUT": 1}).purge("http://localhost/en/")
    assert "HTTP 500" in caplog.text
