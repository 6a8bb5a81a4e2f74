"""Browser fixtures: Debian's Chromium driven by Playwright against a live server that holds the
seeded demo site (English and Spanish).

The site is seeded once for the whole browser suite and committed, so the server thread sees it
on SQLite and on PostgreSQL alike; at the end the database is emptied and given back its
initial rows, as a `serialized_rollback` test would. Every request the browser makes that is not
to the live server is refused and recorded; a test whose page tried one fails.

Chromium comes from Debian's package (`.ci/run` installs it); Playwright's own browser download
is neither possible here nor needed. Without Chromium the suite is skipped, saying why, unless
`CI` is set: there a missing browser fails the run. The suite runs on the SQLite pass only."""

import datetime
import io
import mimetypes
import os
import shutil
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections

import pytest

from tests.helpers import restore_databases, snapshot_databases

from .pages import build_catalogue, visit
from .samples import add_sample_pages

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path():
    if connections["default"].vendor != "sqlite":
        # The pages a browser sees do not depend on the database; the SQLite pass covers them.
        pytest.skip("browser tests run on the SQLite pass of the suite: once per CI run")
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI is set but no Chromium was found: install Debian's `chromium` package "
                "(.ci/run does) or point CHROMIUM at the browser."
            )
        pytest.skip(
            "no Chromium found (install Debian's `chromium` package or set CHROMIUM); the "
            "browser tests run whenever it is there, and always in CI"
        )
    return path


@pytest.fixture(scope="session")
def _async_unsafe_allowed():
    """Playwright's sync API keeps an asyncio loop in this thread, which makes Django refuse
    database calls from the test itself unless told this is a test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser(chromium_path, _async_unsafe_allowed):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def pytest_collection_modifyitems(items):
    """Every browser test is a database test, so pytest-django sets up the test database; each
    runs in a transaction rolled back at its end, on top of the committed seed."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.django_db)


def _is_test_database(connection):
    name = str(connection.settings_dict["NAME"])
    in_memory = getattr(connection.creation, "is_in_memory_db", lambda name: False)
    return in_memory(name) or Path(name).name.startswith("test_")


def _wait_for_request_threads(timeout=5.0):
    """Let the live server's request threads end once the browsers have hung up: a thread still
    closing its keep-alive connection after the server stopped would use an in-memory SQLite
    connection no longer shared with it."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture(scope="package")
def site(django_db_setup, django_db_blocker, chromium_path, _async_unsafe_allowed):
    """The seeded site behind a live server; `site.url`, and `site.pages`, the catalogue of the
    pages under test (tests/browser/pages.py)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        for connection in connections.all():
            assert _is_test_database(connection), "refusing to seed a database not made for tests"
        initial = snapshot_databases()
        call_command("seed_demo", stdout=io.StringIO())
        add_sample_pages()
        catalogue = build_catalogue()
    server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    server._live_server_modified_settings.enable()
    server.pages = catalogue
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        _wait_for_request_threads()
        server.stop()
        with django_db_blocker.unblock():
            restore_databases(initial)


@pytest.fixture
def forms_settings(settings):
    """No spam timer or rate limit in the way of a browser that fills a form in milliseconds
    and posts many times a minute."""
    settings.CARE_FORMS_MIN_FILL_SECONDS = 0
    settings.CARE_FORMS_RATE_LIMIT = 1000
    return settings


class Browsing:
    """A browser tab on the live site, plus every outside request it attempted."""

    def __init__(self, context, base_url, catalogue):
        self.context = context
        self.page = None
        self.base_url = base_url
        self.catalogue = catalogue
        self.outside_requests = []

    def page_paths(self, language):
        return self.catalogue[language]

    def goto(self, path):
        return self.page.goto(self.base_url + path)

    def visit(self, key, language):
        """Open catalogue page `key` in `language` and bring it to its state (a form sent
        empty, a form sent filled in...)."""
        return visit(self, key, language)


def _open(browser, site, **context_options):
    options = {
        "viewport": DESKTOP,
        "locale": "en-US",
        "timezone_id": "America/New_York",
        "reduced_motion": "no-preference",
        **context_options,
    }
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    browsing = Browsing(context, site.url, site.pages)
    media_prefix = site.url + settings.MEDIA_URL

    def route(request_route):
        url = request_route.request.url
        if url.startswith(media_prefix):
            # Under DEBUG = False Django serves no media; the files are read from MEDIA_ROOT.
            relative = url[len(media_prefix) :].split("?")[0]
            file = Path(settings.MEDIA_ROOT, relative)
            if file.is_file():
                request_route.fulfill(
                    path=file, content_type=mimetypes.guess_type(file.name)[0] or ""
                )
            else:
                request_route.fulfill(status=404)
        elif url == site.url or url.startswith(site.url + "/"):
            request_route.continue_()
        else:
            browsing.outside_requests.append(url)
            request_route.abort("blockedbyclient")

    context.route("**/*", route)
    browsing.page = context.new_page()
    return browsing


@pytest.fixture
def browse(browser, site, forms_settings):
    """Open a tab: `browse()` at desktop width, or with Playwright context options such as
    `viewport`, `device_scale_factor`, `reduced_motion`. The test fails if a page in it tried
    to reach anything but the live server."""
    opened = []

    def open_tab(**context_options):
        browsing = _open(browser, site, **context_options)
        opened.append(browsing)
        return browsing

    yield open_tab
    for browsing in opened:
        browsing.context.close()
    attempted = [url for browsing in opened for url in browsing.outside_requests]
    assert not attempted, f"the page tried to reach outside the site: {attempted}"


@pytest.fixture(scope="package")
def _shared_browsing(browser, site):
    browsing = _open(browser, site)
    yield browsing
    browsing.context.close()


@pytest.fixture
def tab(_shared_browsing, forms_settings):
    """A tab at desktop width, the same one for every test that needs nothing special of the
    browser (a fresh context for each test would cost more than the page visits): each test
    starts by going to a page, which leaves nothing of the one before but cookies. The test
    fails if a page in it tried to reach anything but the live server."""
    browsing = _shared_browsing
    if browsing.page.is_closed():
        browsing.page = browsing.context.new_page()
    browsing.outside_requests.clear()
    browsing.page.set_viewport_size(DESKTOP)
    yield browsing
    attempted = list(browsing.outside_requests)
    assert not attempted, f"the page tried to reach outside the site: {attempted}"


@pytest.fixture(scope="session")
def screenshot_dir():
    """test-artifacts/screenshots/<UTC time of the run>/ (git-ignored), or CARE_SCREENSHOT_DIR."""
    configured = os.environ.get("CARE_SCREENSHOT_DIR")
    if configured:
        folder = Path(configured)
    else:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        folder = Path(settings.BASE_DIR, "test-artifacts", "screenshots", stamp)
    folder.mkdir(parents=True, exist_ok=True)
    _written_folders.append(folder)
    return folder


_written_folders = []


def pytest_terminal_summary(terminalreporter):
    for folder in _written_folders:
        count = len(list(folder.glob("*.png")))
        terminalreporter.write_line(f"Browser screenshots ({count}): {folder}")
