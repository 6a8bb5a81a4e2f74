"""Link health: the checker against a web server on 127.0.0.1 (see `link_server` in conftest),
the `check_resource_links` command, and the admin report editors fix links from."""

import io
import socket
import time
from unittest import mock

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from home.factories import DocumentFactory
from resources.factories import ResourcePageFactory
from resources.linkcheck import check_url, check_urls
from resources.models import LinkCheck
from tests.helpers import collapse, soup

TIMEOUT = 0.5


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The checker ------------------------------------------------------------------------------------


def test_a_working_link(link_server):
    result = check_url(f"{link_server}/ok", timeout=TIMEOUT)
    assert (result.status_code, result.outcome, result.error) == (200, "ok", "")


def test_a_redirect_is_followed_and_reported(link_server):
    result = check_url(f"{link_server}/moved", timeout=TIMEOUT)
    assert result.status_code == 200
    assert result.final_url == f"{link_server}/ok"
    assert result.outcome == "redirected"


def test_a_missing_page_is_broken(link_server):
    result = check_url(f"{link_server}/missing", timeout=TIMEOUT)
    assert (result.status_code, result.outcome) == (404, "broken")


def test_a_server_refusing_head_is_asked_with_get(link_server):
    result = check_url(f"{link_server}/no-head", timeout=TIMEOUT)
    assert (result.status_code, result.outcome) == (200, "ok")


def test_a_slow_server_is_given_up_on_within_the_timeout(link_server):
    started = time.monotonic()
    result = check_url(f"{link_server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert result.status_code is None
    assert result.outcome == "broken"
    assert result.error == "No answer within 0.3 seconds"


def test_nobody_answering_is_broken(settings):
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    result = check_url(f"http://127.0.0.1:{closed_port()}/", timeout=TIMEOUT)
    assert (result.status_code, result.outcome) == (None, "broken")
    assert result.error == "Could not connect to the site"


REFUSED = "Not a public internet address: the checker does not open it"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/ok",
        "http://localhost:{port}/ok",
        "http://[::1]:{port}/ok",
        "http://[::ffff:127.0.0.1]:{port}/ok",
        "http://10.0.0.1:{port}/",
        "http://192.168.1.1:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1:{port}/",
        "http://0.0.0.0:{port}/",
    ],
)
def test_addresses_off_the_public_internet_are_not_opened(url, link_server, settings):
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = []
    port = link_server.rsplit(":", 1)[1]
    started = time.monotonic()
    result = check_url(url.format(port=port), timeout=TIMEOUT)
    assert (result.status_code, result.outcome, result.error) == (None, "broken", REFUSED)
    assert time.monotonic() - started < TIMEOUT  # refused before any connection is tried


def test_a_redirect_to_a_private_address_is_refused(link_server):
    """Only 127.0.0.1 is allowed here; the redirect leads to 127.0.0.2."""
    result = check_url(f"{link_server}/to-elsewhere-on-loopback", timeout=TIMEOUT)
    assert (result.outcome, result.error) == ("broken", REFUSED)


def test_the_name_is_looked_up_once_and_that_address_is_used(link_server, settings):
    """No second look-up between the check and the connection (DNS rebinding)."""
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32", "::1/128"]
    port = link_server.rsplit(":", 1)[1]
    real = socket.getaddrinfo
    asked = []

    def counting(host, *args, **kwargs):
        asked.append(host)
        return real(host, *args, **kwargs)

    with mock.patch("socket.getaddrinfo", counting):
        result = check_url(f"http://localhost:{port}/ok", timeout=TIMEOUT)
    assert result.outcome == "ok"
    assert asked.count("localhost") == 1
    assert set(asked) <= {"localhost", "127.0.0.1", "::1"}  # after it, only the address itself


def test_checks_run_in_parallel_but_never_more_than_the_bound(link_server, link_server_stats):
    urls = [f"{link_server}/count/{n}" for n in range(8)]
    results = check_urls(urls + urls[:3], timeout=2, concurrency=3)
    assert list(results) == urls  # each address once, in order
    assert all(result.outcome == "ok" for result in results.values())
    assert 1 < link_server_stats.max_in_flight <= 3


# The command ------------------------------------------------------------------------------------


@pytest.fixture
def resources_with_links(resource_index, link_server):
    def make(name, path, **extra):
        return ResourcePageFactory(
            parent=resource_index,
            title=f"Resource {name}",
            external_url=link_server + path,
            **extra,
        )

    return {
        "ok": make("ok", "/ok"),
        "moved": make("moved", "/moved"),
        "missing": make("missing", "/missing"),
        "no-head": make("no-head", "/no-head"),
        "slow": make("slow", "/slow"),
        "draft": make("draft", "/missing", live=False),
        "download": make("download", "/missing", document=DocumentFactory()),
    }


def run_checker(**options):
    output = io.StringIO()
    call_command("check_resource_links", timeout=TIMEOUT, stdout=output, **options)
    return output.getvalue()


@pytest.mark.django_db
def test_command_records_what_each_link_answered(resources_with_links, link_server):
    started = time.monotonic()
    output = run_checker(concurrency=4)
    assert time.monotonic() - started < 5
    checks = {check.page_id: check for check in LinkCheck.objects.all()}
    pages = resources_with_links
    assert pages["download"].pk not in checks  # visitors get the document, not the address
    found = {
        name: (checks[page.pk].outcome, checks[page.pk].status_code)
        for name, page in pages.items()
        if name != "download"
    }
    assert found == {
        "ok": ("ok", 200),
        "moved": ("redirected", 200),
        "missing": ("broken", 404),
        "no-head": ("ok", 200),
        "slow": ("broken", None),
        "draft": ("broken", 404),  # drafts too, so links are fixed before publishing
    }
    moved = checks[pages["moved"].pk]
    assert moved.url == f"{link_server}/moved"
    assert moved.final_url == f"{link_server}/ok"
    assert moved.checked_at is not None
    assert checks[pages["slow"].pk].error == "No answer within 0.5 seconds"
    assert "5 addresses used by 6 resources: 2 work, 1 redirected, 3 broken." in output


@pytest.mark.django_db
def test_running_again_replaces_the_previous_results(resources_with_links, link_server):
    run_checker()
    missing = resources_with_links["missing"]
    missing.external_url = f"{link_server}/ok"
    missing.save()
    resources_with_links["slow"].delete()
    run_checker()
    assert LinkCheck.objects.get(page=missing).outcome == "ok"
    assert LinkCheck.objects.count() == 5


@pytest.mark.django_db
def test_command_refuses_nonsense_options():
    with pytest.raises(CommandError):
        call_command("check_resource_links", timeout=0)
    with pytest.raises(CommandError):
        call_command("check_resource_links", concurrency=0)


# The report ---------------------------------------------------------------------------------------

REPORT = "resource_links_report:index"


@pytest.mark.django_db
def test_report_lists_broken_and_redirected_links(admin_client, resources_with_links):
    run_checker()
    response = admin_client.get(reverse(REPORT))
    assert response.status_code == 200
    rows = sorted(
        tuple(collapse(cell.get_text(" ")) for cell in row.find_all("td")[:3])
        for row in soup(response).select("table.listing tbody tr")
    )
    assert rows == [
        ("Resource draft", "Broken", "404"),
        ("Resource missing", "Broken", "404"),
        ("Resource moved", "Redirected", "200"),
        ("Resource slow", "Broken", "No answer within 0.5 seconds"),
    ]
    edit = reverse("wagtailadmin_pages:edit", args=[resources_with_links["moved"].pk])
    assert soup(response).find("a", href=edit) is not None


@pytest.mark.django_db
def test_report_filters_by_problem(admin_client, resources_with_links):
    run_checker()
    response = admin_client.get(reverse(REPORT), {"outcome": "redirected"})
    cells = soup(response).select("table.listing tbody tr td:first-child a")
    titles = [collapse(a.get_text()) for a in cells]
    assert titles == ["Resource moved"]


@pytest.mark.django_db
def test_a_fixed_link_leaves_the_report(admin_client, resources_with_links, link_server):
    run_checker()
    moved = resources_with_links["moved"]
    moved.external_url = f"{link_server}/ok"
    moved.save_revision().publish()
    response = admin_client.get(reverse(REPORT))
    assert "Resource moved" not in collapse(soup(response).get_text(" "))


@pytest.mark.django_db
def test_report_exports_a_spreadsheet(admin_client, resources_with_links):
    run_checker()
    response = admin_client.get(reverse(REPORT), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0] == "Resource,Problem,Answer,Link,Leads to,Checked"
    assert "Resource moved,Redirected,200" in content


@pytest.mark.django_db
def test_report_is_in_the_reports_menu(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT) in response.content.decode()


@pytest.mark.django_db
def test_report_needs_page_editing_rights(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="a-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    editors = Group.objects.get(name="Editors")
    user.groups.add(editors)
    assert client.get(reverse(REPORT)).status_code == 200
