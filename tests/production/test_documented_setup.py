"""The one-machine set-up exactly as docs/deployment.md tells an operator to start it, run end to
end: a clean clone of this commit, the guide's `.env` (with a test address, ports and mail
server), then the guide's own ```sh blocks of "One machine", the last of which is `make serve`:
Caddy with its local authority (`CARE_TLS=internal`) in front of gunicorn, the worker and the
scheduler. A visitor reaches it at https://care.test, resolved to the proxy on loopback, and
every address the site writes, every image, the compression and a form's email are checked
through the proxy. If the guide stops working, this fails.

It runs on the SQLite pass of the suite only (the site it starts has its own database; once per
CI run is enough). Without Caddy it is skipped, except in CI (`CI` set), where it fails."""

import contextlib
import json
import socket
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from bs4 import BeautifulSoup

from loadtest.client import form_fields
from loadtest.servers import free_port
from tests.production.documented import (
    guide_blocks,
    guide_commands,
    operator_env,
    operator_workspace,
    write_env,
)
from tests.production.smtp import SilentThenAnsweringSMTP
from tests.production.visitor import Visitor

PUBLIC = "https://care.test"
STARTUP_SECONDS = 240
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Where the guide says Caddy keeps its local authority, under the home of the site's user.
CADDY_ROOT_CERTIFICATE = Path(".local/share/caddy/pki/authorities/local/root.crt")


def wait_until_served(site, certificate, visitor):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert site.running(), f"the guide's commands stopped:\n{site.log()[-6000:]}"
        if certificate.exists():
            with contextlib.suppress(OSError):
                if visitor().get("/healthz").status == 200:
                    return
        time.sleep(0.5)
    raise AssertionError(f"not served within {STARTUP_SECONDS} s:\n{site.log()[-6000:]}")


@pytest.fixture(scope="module")
def documented_site(tmp_path_factory):
    work, clone, home = operator_workspace(tmp_path_factory, "documented-setup")
    smtp = SilentThenAnsweringSMTP()
    smtp.answer()  # a mail server that answers at once
    https_port, http_port = free_port(), free_port()
    [guide_env, *_trial] = guide_blocks(clone, "dotenv")
    write_env(
        clone,
        [guide_env],
        {
            "DJANGO_SECRET_KEY": "documented-setup-" + "k3y" * 20,
            "CARE_PUBLIC_URL": PUBLIC,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": smtp.port,
            "CARE_TLS": "internal",
            "CARE_HTTPS_PORT": https_port,
            "CARE_HTTP_PORT": http_port,
            "CARE_PROXY_BIND": "127.0.0.1",
            "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
            "GUNICORN_WORKERS": 2,
        },
    )
    site = guide_commands(clone, guide_blocks(clone, "sh"), operator_env(home), work / "site.log")

    def visitor():
        return Visitor(PUBLIC, https_port, home / CADDY_ROOT_CERTIFICATE)

    try:
        site.start()
        wait_until_served(site, home / CADDY_ROOT_CERTIFICATE, visitor)
        yield {
            "site": site,
            "visitor": visitor,
            "smtp": smtp,
            "clone": clone,
            "http_port": http_port,
        }
    finally:
        site.stop()
        smtp.close()


def page(visitor, url):
    answer = visitor.get(url)
    assert answer.status == 200, (url, answer.status)
    return BeautifulSoup(answer.text, "html.parser")


def partner_page_url(visitor):
    """The first partner in the directory that shows a logo (a partner may have none yet)."""
    partners = page(visitor, f"{PUBLIC}/en/partners/")
    cards = [card for card in partners.select("main .partner-card") if card.find("img")]
    return urljoin(PUBLIC, cards[0].select_one("a[href^='/en/partners/']")["href"])


# The addresses the site writes --------------------------------------------------------------


def test_the_guides_commands_ran_with_the_guides_settings(documented_site):
    log = documented_site["site"].log()
    assert "Demo content ready" in log
    assert f"Sign in at {PUBLIC}/admin/" in log  # ensure_admin, with .env loaded
    # make serve's deployment check passed a real (https) configuration, silencing nothing.
    assert "System check identified no issues (0 silenced)." in log
    env = (documented_site["clone"] / ".env").read_text()
    assert "CARE_TRUSTED_PROXY_COUNT=1\n" in env  # the guide's own value, kept


def test_the_canonical_link_is_on_the_public_address(documented_site):
    document = page(documented_site["visitor"](), f"{PUBLIC}/en/")
    assert document.find("link", rel="canonical")["href"] == f"{PUBLIC}/en/"


def test_sitemaps_list_the_public_address(documented_site):
    visitor = documented_site["visitor"]()
    index = ET.fromstring(visitor.get(f"{PUBLIC}/sitemap.xml").body)  # noqa: S314
    sitemaps = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP)]
    assert f"{PUBLIC}/sitemap-en.xml" in sitemaps
    english = ET.fromstring(visitor.get(f"{PUBLIC}/sitemap-en.xml").body)  # noqa: S314
    pages = [loc.text for loc in english.findall("sm:url/sm:loc", SITEMAP)]
    assert f"{PUBLIC}/en/resources/" in pages
    assert all(url.startswith(f"{PUBLIC}/en/") for url in pages), pages


def test_the_rss_feed_links_to_the_public_address(documented_site):
    answer = documented_site["visitor"]().get(f"{PUBLIC}/en/resources/feed/")
    assert answer.status == 200
    feed = ET.fromstring(answer.body)  # noqa: S314
    links = [link.text for link in feed.iter("link") if link.text]
    assert len(links) > 1, answer.text[:500]
    assert all(link.startswith(f"{PUBLIC}/en/") for link in links), links


def test_calendar_entries_carry_the_public_address_in_url_and_uid(documented_site):
    answer = documented_site["visitor"]().get(f"{PUBLIC}/en/peer-learning-community/ical/")
    assert answer.status == 200
    events = icalendar.Calendar.from_ical(answer.body).walk("VEVENT")
    assert events
    for event in events:
        assert str(event["URL"]).startswith(f"{PUBLIC}/en/peer-learning-community/")
        assert str(event["UID"]).endswith("@care.test"), event["UID"]


def test_the_api_gives_html_urls_on_the_public_address(documented_site):
    answer = documented_site["visitor"]().get(f"{PUBLIC}/api/v2/pages/?limit=20")
    assert answer.status == 200
    items = json.loads(answer.body)["items"]
    assert items
    assert all(item["meta"]["html_url"].startswith(f"{PUBLIC}/") for item in items)


# What the proxy serves ------------------------------------------------------------------------


def image_urls(document, page_url):
    """Every image address of a page: `src`, each `srcset` candidate of <img> and <source>, and
    the share image."""
    urls = [img["src"] for img in document.select("img[src]")]
    for element in document.select("img[srcset], source[srcset]"):
        urls += [candidate.split()[0] for candidate in element["srcset"].split(",")]
    urls += [meta["content"] for meta in document.select("meta[property='og:image']")]
    return {urljoin(page_url, url) for url in urls}


def test_every_image_of_the_landing_library_and_a_partner_page_is_served(documented_site):
    visitor = documented_site["visitor"]()
    landing, library, partner = (
        f"{PUBLIC}/en/",
        f"{PUBLIC}/en/resources/",
        partner_page_url(visitor),
    )
    for url in (landing, library, partner):
        images = image_urls(page(visitor, url), url)
        # The landing page's picture and a partner's logo; the library shows none today.
        if url != library:
            assert any("/media/images/" in image for image in images), (url, images)
        for image in images:
            answer = visitor.get(image)  # on the public origin, or it fails here
            assert answer.status == 200, (url, image, answer.status)
            assert answer.headers["Content-Type"].startswith("image/"), image


def test_pages_arrive_compressed(documented_site):
    visitor = documented_site["visitor"]()
    for encoding in ("gzip", "zstd"):
        answer = visitor.get(f"{PUBLIC}/en/", **{"Accept-Encoding": encoding})
        assert answer.status == 200
        assert answer.headers["Content-Encoding"] == encoding
    answer = visitor.get(f"{PUBLIC}/en/", **{"Accept-Encoding": "gzip"})
    assert len(answer.raw) < len(answer.body) / 2
    assert "<html" in answer.text


def test_django_security_headers_come_through_the_proxy(documented_site):
    answer = documented_site["visitor"]().get(f"{PUBLIC}/en/")
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_static_files_and_images_are_served_with_long_lifetimes(documented_site):
    visitor = documented_site["visitor"]()
    document = page(visitor, f"{PUBLIC}/en/")
    stylesheet = urljoin(PUBLIC, document.select_one("link[rel=stylesheet]")["href"])
    answer = visitor.get(stylesheet)
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    [image, *_] = sorted(url for url in image_urls(document, PUBLIC) if "/media/images/" in url)
    answer = visitor.get(image)
    assert answer.headers["Cache-Control"] == "public, max-age=2592000"
    assert answer.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_documents_are_served_only_through_wagtails_view(documented_site):
    visitor = documented_site["visitor"]()
    documents = json.loads(visitor.get(f"{PUBLIC}/api/v2/documents/").body)["items"]
    assert documents
    download = documents[0]["meta"]["download_url"]
    through_view = visitor.get(urljoin(PUBLIC, download))
    assert through_view.status == 200, download
    stored = sorted((documented_site["clone"] / "media" / "documents").iterdir())
    assert stored
    for file in stored:
        assert visitor.get(f"{PUBLIC}/media/documents/{file.name}").status == 404


def test_the_favicon_is_served(documented_site):
    answer = documented_site["visitor"]().get(f"{PUBLIC}/favicon.ico")
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("image/")


def test_plain_http_is_redirected_to_the_public_https_address(documented_site):
    conversation = socket.create_connection(("127.0.0.1", documented_site["http_port"]), timeout=10)
    with conversation:
        conversation.sendall(b"GET /en/ HTTP/1.1\r\nHost: care.test\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := conversation.recv(65536):
            reply += chunk
    head = reply.decode(errors="replace").split("\r\n\r\n")[0]
    assert head.split()[1] == "308", head
    assert f"Location: {PUBLIC}/en/" in head


# A form's email, sent by the worker --------------------------------------------------------


def test_a_form_posts_notification_reaches_the_mail_server_through_the_worker(documented_site):
    visitor = documented_site["visitor"]()
    url = f"{PUBLIC}/en/peer-learning-community/register/"  # the seed's, with a confirmation
    answer = visitor.get(url)
    assert answer.status == 200
    _action, fields = form_fields(answer.text, "form[method=post i]")
    time.sleep(3.2)  # a person fills it in (CARE_FORMS_MIN_FILL_SECONDS)
    answers = {
        "your_name": "Ada Lovelace",
        "email_address": "ada@example.org",
        "care_consent": "on",
    }
    reply = visitor.post(url, {**fields, **answers})
    assert reply.status == 200, reply.text[:2000]
    assert "Thank you for registering" in reply.text
    smtp = documented_site["smtp"]
    deadline = time.monotonic() + 30
    while len(smtp.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    recipients = sorted(message["To"] for message in smtp.received)
    log = documented_site["site"].log()[-6000:]
    assert recipients == ["ada@example.org", "care-staff@example.org"], log
    [staff] = [message for message in smtp.received if message["To"] != "ada@example.org"]
    # Staff are sent to the admin at the public address (the answers stay out of the email).
    assert f"{PUBLIC}/admin/forms/submissions/" in staff.get_payload()
