"""Media on S3-compatible object storage, with two instances: an image an editor uploads through
instance A's admin is served by instance B, its renditions with it, straight from the bucket.

The bucket is moto's S3 server on a loopback port (tests/production/s3_server.py); the two
gunicorns share a SQLite file of their own. It runs on the SQLite pass of the suite, so once per
CI run; without moto it is skipped, unless `CI` is set, where it fails instead."""

import io
import os
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from loadtest.client import SiteClient, form_fields
from loadtest.servers import Gunicorn, free_port, manage, production_env
from tests.production.s3_server import S3Server, moto_server_missing

BUCKET = "care-media"
EDITOR = ("moderator", "a long moderator password")
PARTNER_TITLE = "River Health Alliance"
ALT_TEXT = "The alliance's logo: a blue river under a green hill"
IMAGE_MAGIC = {"image/png": b"\x89PNG", "image/webp": b"RIFF", "image/jpeg": b"\xff\xd8"}
BOARD_PASSWORD = "board-only-2026"

# The site both servers share, made in their own settings: a landing page, the partner directory
# with one partner (no logo yet), a collection whose documents need a password, and a
# moderator, who needs no second factor.
SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction
from home import roles
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.helpers import make_landing_page

home = make_landing_page()
directory = PartnerIndexPageFactory(parent=home)
partner = PartnerPageFactory(parent=directory, title={PARTNER_TITLE!r}, slug="river-health")
moderator = get_user_model().objects.create_user({EDITOR[0]!r}, password={EDITOR[1]!r})
moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
root = Collection.get_first_root_node()
board = root.add_child(name="Board papers")
CollectionViewRestriction.objects.create(
    collection=board, restriction_type="password", password={BOARD_PASSWORD!r}
)
print(partner.pk, partner.url, directory.url, root.pk, board.pk)
"""


@dataclass(frozen=True)
class Site:
    partner_pk: int
    partner_path: str
    directory_path: str
    root_collection_pk: int
    board_collection_pk: int


@pytest.fixture(scope="module")
def moto_available():
    if connection.vendor != "sqlite":
        pytest.skip("runs on the SQLite pass of the suite: once per CI run is enough")
    missing = moto_server_missing()
    if missing:
        reason = f"{missing} is not installed (make install brings moto's S3 server)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the object storage test")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def bucket(moto_available, tmp_path_factory):
    logs = tmp_path_factory.mktemp("s3")
    with S3Server(BUCKET, log_path=logs / "moto.log") as server:
        yield server


@pytest.fixture(scope="module")
def cluster(bucket, collected_static, tmp_path_factory):
    """Two production gunicorns on one SQLite file, their media in the bucket."""
    work = tmp_path_factory.mktemp("media-cluster")
    env = production_env(
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{work / 'site.sqlite3'}",
        STATIC_ROOT=collected_static,
        # Nothing may be written here: media are in the bucket.
        MEDIA_ROOT=work / "media",
        **bucket.media_env(),
    )
    env["GUNICORN_THREADS"] = "4"
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    output = manage(env, "shell", "--no-imports", "--command", SETUP)
    partner_pk, partner_path, directory_path, root_pk, board_pk = output.splitlines()[-1].split()
    servers = [
        Gunicorn(free_port(), env, workers=1, log_path=work / f"gunicorn-{name}.log")
        for name in ("a", "b")
    ]
    try:
        with ThreadPoolExecutor(len(servers)) as pool:
            for started in [pool.submit(server.start) for server in servers]:
                started.result()
        site = Site(int(partner_pk), partner_path, directory_path, int(root_pk), int(board_pk))
        yield servers, site, work / "media"
    finally:
        for server in servers:
            server.stop()


def a_photo():
    picture = Image.new("RGB", (1200, 800), (30, 90, 160))
    picture.paste((60, 150, 70), (0, 500, 1200, 800))
    data = io.BytesIO()
    picture.save(data, "PNG")
    return data.getvalue()


def sign_in(client):
    _action, fields = form_fields(client.get("/admin/login/").body)
    fields.update(username=EDITOR[0], password=EDITOR[1])
    assert client.post("/admin/login/", fields).status == 302


def upload_image_through(client, title, collection_pk):
    """Add an image in the admin, as an editor would; its id, found in the image listing."""
    _action, fields = form_fields(client.get("/admin/images/add/").body, "form[enctype]")
    fields.update(title=title, description=ALT_TEXT, collection=str(collection_pk))
    files = {"file": ("alliance-logo.png", a_photo(), "image/png")}
    reply = client.post("/admin/images/add/", fields, files)
    assert reply.status == 302, reply.body[:2000]
    listing = client.get("/admin/images/?q=" + title.split()[0]).body
    [image_id] = set(re.findall(r"/admin/images/(\d+)/", listing))
    return int(image_id)


def publish_with_logo_through(client, page_pk, image_id):
    """Choose the partner's logo on its edit screen and publish, as an editor would."""
    path = f"/admin/pages/{page_pk}/edit/"
    _action, fields = form_fields(client.get(path).body, "form#page-edit-form")
    # A browser sends nothing for boxes left unticked (no focus areas yet).
    fields.pop("focus_areas", None)
    fields.update(logo=str(image_id), **{"action-publish": "action-publish"})
    reply = client.post(path, fields)
    assert reply.status == 302, reply.body[:3000]


def image_urls(html, selector):
    """Every address the browser may fetch for the images under `selector`: src and srcset."""
    urls = []
    for element in BeautifulSoup(html, "html.parser").select(selector):
        if element.get("src"):
            urls.append(element["src"])
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    return urls


def upload_document_through(client, title, filename, content, collection_pk):
    """Add a document in the admin, as an editor would; its id, found in the listing."""
    _action, fields = form_fields(client.get("/admin/documents/add/").body, "form[enctype]")
    fields.update(title=title, collection=str(collection_pk))
    files = {"file": (filename, content, "text/plain")}
    reply = client.post("/admin/documents/add/", fields, files)
    assert reply.status == 302, reply.body[:2000]
    listing = client.get("/admin/documents/?q=" + title.split()[0]).body
    [document_id] = set(re.findall(r"/admin/documents/edit/(\d+)/", listing))
    return int(document_id)


def fetch_image(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (moto on loopback)
        content_type = response.headers.get_content_type()
        return response.status, content_type, response.read()


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (moto on loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def img_src(reply):
    policy = reply.header("Content-Security-Policy")
    return next(d.split()[1:] for d in policy.split(";") if d.split()[0] == "img-src")


def test_an_image_uploaded_through_one_instance_is_served_with_its_renditions_by_the_other(
    cluster, bucket
):
    servers, site, media_root = cluster
    one, other = (SiteClient(server.url) for server in servers)
    sign_in(one)
    image_id = upload_image_through(one, "Alliance logo", site.root_collection_pk)
    publish_with_logo_through(one, site.partner_pk, image_id)
    originals = [key for key in bucket.object_keys() if key.startswith("original_images/")]
    assert len(originals) == 1, bucket.object_keys()

    partner = other.get(site.partner_path)  # an anonymous visitor on the other instance
    assert partner.status == 200
    directory = other.get(site.directory_path)
    assert directory.status == 200
    header_logo = image_urls(partner.body, ".partner-header__logo img")
    card_logo = image_urls(directory.body, ".partner-card__logo source, .partner-card__logo img")
    assert len(header_logo) == 1, partner.body
    # The directory's card: WebP and PNG, each in two widths.
    assert len(set(card_logo)) == 4, card_logo

    rendition_prefix = f"{bucket.endpoint_url}/{BUCKET}/images/"
    for url in {*header_logo, *card_logo}:
        assert url.startswith(rendition_prefix), url
        status, content_type, body = fetch_image(url)
        assert status == 200
        assert body.startswith(IMAGE_MAGIC[content_type]), (url, content_type)
    renditions = {key for key in bucket.object_keys() if key.startswith("images/")}
    assert {urlsplit(url).path.removeprefix(f"/{BUCKET}/") for url in card_logo} <= renditions

    # The browser is allowed to load them: the bucket is in the page's img-src.
    assert bucket.endpoint_url in img_src(partner)
    # Neither instance kept a file of its own.
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_documents_are_served_through_the_document_view_never_from_the_bucket(cluster, bucket):
    servers, site, _media_root = cluster
    one, other = (SiteClient(server.url) for server in servers)
    sign_in(one)
    minutes = b"Minutes of the open meeting: everyone welcome.\n"
    public_id = upload_document_through(
        one, "Open minutes", "open-minutes.txt", minutes, site.root_collection_pk
    )
    board_id = upload_document_through(
        one, "Board minutes", "board-minutes.txt", b"Board only.\n", site.board_collection_pk
    )
    assert {"documents/open-minutes.txt", "documents/board-minutes.txt"} <= set(
        bucket.object_keys()
    )

    # The other instance streams the file from the bucket through Wagtail's document view...
    served = other.get(f"/documents/{public_id}/open-minutes.txt")
    assert served.status == 200
    assert served.body.encode() == minutes
    # ...and asks for the collection's password before the board's.
    private = other.get(f"/documents/{board_id}/board-minutes.txt")
    assert "Board only." not in private.body
    assert 'name="password"' in private.body
    # The bucket itself gives no document to anyone: its policy makes only images public.
    for name in ("open-minutes.txt", "board-minutes.txt"):
        assert status_of(f"{bucket.endpoint_url}/{BUCKET}/documents/{name}") == 403
