"""Two gunicorn instances with production settings on two loopback ports, sharing one PostgreSQL
(the test database) and one Redis (a database number of its own): a page published through one
is served updated by the other within a second, and form submissions posted to both all land.

It needs PostgreSQL and Redis. With DATABASE_URL not PostgreSQL it is skipped, saying so (CI runs
the suite on PostgreSQL as well); with Redis unreachable it is skipped unless `CI` is set, where
it fails instead."""

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection

import pytest
import redis

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import Submission
from home import roles
from loadtest.client import SiteClient, form_fields
from loadtest.servers import Gunicorn, production_env
from resources.factories import ResourceIndexPageFactory
from tests.helpers import make_landing_page, restore_databases, snapshot_databases
from tests.production.conftest import database_url

pytestmark = pytest.mark.django_db

PORTS = (8301, 8302)
REDIS_URL = os.environ.get("CARE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
THANKS = "We have received your message."
NEW_TITLE = "Library, republished"
EDITOR = ("editor", "a long editor password")
POSTS_PER_INSTANCE = 15


def unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the two-instance test")
    pytest.skip(reason)


def build_site():
    """A landing page, a library with a draft waiting to be published, a form, and an editor;
    committed, so the servers see them."""
    home = make_landing_page()
    library = ResourceIndexPageFactory(parent=home, title="Library")
    form = FormPageFactory(
        parent=home, slug="connect", thank_you_text=f"<p>Thank you. {THANKS}</p>"
    )
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(page=form, label="Message", field_type="multiline", sort_order=1)
    # The servers check passwords with production's hashers, not the tests' fast one.
    hasher = PBKDF2PasswordHasher()
    # A moderator publishes and restricts pages; holding no personal data, they sign in with
    # their password alone (a superuser would be asked for a second factor).
    moderator = get_user_model().objects.create(
        username=EDITOR[0], password=hasher.encode(EDITOR[1], hasher.salt())
    )
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    return library, form


@pytest.fixture(scope="module")
def shared_redis(postgresql):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.RedisError as error:
        unavailable(f"Redis unreachable at {REDIS_URL} ({error})")
    yield REDIS_URL
    client.flushdb()


@pytest.fixture(scope="module")
def cluster(postgresql, django_db_blocker, shared_redis, collected_static, tmp_path_factory):
    """The two servers on a committed site; afterwards the database gets its first rows back."""
    with django_db_blocker.unblock():
        initial = snapshot_databases()
        library, form = build_site()
        library.title = NEW_TITLE
        library.save_revision()
    logs = tmp_path_factory.mktemp("gunicorn")
    env = production_env(
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL=shared_redis,
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=logs / "media",
        CARE_FORMS_RATE_LIMIT=0,
    )
    env["GUNICORN_THREADS"] = "4"
    servers = [Gunicorn(port, env, workers=1, log_path=logs / f"{port}.log") for port in PORTS]
    try:
        with ThreadPoolExecutor(len(servers)) as pool:
            for started in [pool.submit(server.start) for server in servers]:
                started.result()
        yield servers, library, form
    finally:
        for server in servers:
            server.stop()
        with django_db_blocker.unblock():
            restore_databases(initial)


def sign_in(client):
    _action, fields = form_fields(client.get("/admin/login/").body)
    fields.update(username=EDITOR[0], password=EDITOR[1])
    assert client.post("/admin/login/", fields).status == 302


def served_cached(client, path):
    """`path` as the instance serves it from its page cache."""
    # The very first visit may create the site's settings rows, which empties the cache once.
    for _visit in range(3):
        cached = client.get(path)
        if cached.header("X-Page-Cache") == "hit":
            return cached
    raise AssertionError(f"the instance must serve {path} cached")


def publish_through(client, page):
    """Publish `page`'s latest draft with the admin's own bulk action, as an editor would."""
    path = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    _action, fields = form_fields(client.get(path).body, "form[method=post i]")
    reply = client.post(path, fields)
    assert reply.status == 302, reply.body[:2000]


def test_a_page_published_through_one_instance_is_served_updated_by_the_other(cluster):
    servers, library, _form = cluster
    one, other = (SiteClient(server.url) for server in servers)
    path = library.url
    cached = served_cached(other, path)
    assert NEW_TITLE not in cached.body

    sign_in(one)
    publish_through(one, library)
    published_at = time.monotonic()

    while NEW_TITLE not in other.get(path).body:
        assert time.monotonic() - published_at < 1, "not served updated within a second"
        time.sleep(0.05)


def test_submissions_posted_to_both_instances_all_land(cluster):
    servers, _library, form = cluster
    clients = [SiteClient(server.url) for server in servers]
    numbers = range(POSTS_PER_INSTANCE * 2)
    # Each visitor opens the form (a token is good for one submission).
    opened = [
        form_fields(clients[n % 2].get(form.url).body, "form[method=post i]")[1] for n in numbers
    ]
    time.sleep(settings.CARE_FORMS_MIN_FILL_SECONDS + 0.2)  # a person takes a while to fill it in

    def post(number):
        client, fields = clients[number % 2], opened[number]
        answers = {**fields, "your_name": "Ada", "message": f"message {number}"}
        reply = client.post(form.url, {**answers, "care_consent": "on"})
        return reply.status == 200 and THANKS in reply.body

    with ThreadPoolExecutor(8) as pool:
        accepted = list(pool.map(post, numbers))

    assert all(accepted)
    stored = Submission.objects.filter(page=form)
    assert sorted(s.form_data["message"] for s in stored) == sorted(f"message {n}" for n in numbers)
    assert {s.status for s in stored} == {Submission.Status.NEW}


def make_private_through(client, page):
    """Give `page` a password in the admin's privacy dialogue, as an editor would."""
    path = f"/admin/pages/{page.pk}/privacy/"
    _action, fields = form_fields(json.loads(client.get(path).body)["html"], "form")
    fields.update(restriction_type="password", password="board-only-2026")
    reply = client.post(path, fields)
    assert reply.status == 200, reply.body[:2000]
    assert json.loads(reply.body)["step"] == "set_privacy_done", reply.body[:2000]


def test_a_page_made_private_through_one_instance_is_not_served_by_the_other(cluster):
    servers, library, _form = cluster
    one, other = (SiteClient(server.url) for server in servers)
    path = library.url
    cached = served_cached(other, path)
    assert 'id="library-q"' in cached.body

    sign_in(one)
    make_private_through(one, library)

    for server in servers:
        reply = SiteClient(server.url).get(path)  # an anonymous visitor on each instance
        assert reply.header("X-Page-Cache") != "hit"
        assert 'id="library-q"' not in reply.body, "the library is shown to an anonymous visitor"
        assert 'name="password"' in reply.body
