"""The meeting subscribers' list in the admin: submission reviewers only, counts by status,
filters, and a CSV export that is safe to open in a spreadsheet; each reading and export is
in the registration form's history."""

import csv
import io

from wagtail.models import PageLogEntry

import pytest

from events.models import Subscriber
from events.subscribers import new_token
from forms.factories import FormPageFactory
from tests.forms.conftest import editor, reviewer  # noqa: F401
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db
URL = "/admin/subscribers/"


@pytest.fixture
def subscribers(event_index):
    FormPageFactory(parent=event_index, slug="register", subscribes_to_meetings=True)
    rows = [
        ("ada@example.org", "en", Subscriber.Status.CONFIRMED),
        ("luz@example.org", "es", Subscriber.Status.CONFIRMED),
        ("=HYPERLINK(1)@example.org", "es", Subscriber.Status.PENDING),
        ("gone@example.org", "en", Subscriber.Status.UNSUBSCRIBED),
    ]
    for email, language, status in rows:
        Subscriber.objects.create(email=email, language=language, status=status, token=new_token())


def test_reviewers_see_the_counts_and_filter(client, reviewer, subscribers):  # noqa: F811
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Waiting for confirmation: 1" in text
    assert "Subscribed: 2" in text
    assert "Unsubscribed: 1" in text
    assert "4 subscribers match." in text
    filtered = visible_text(client.get(URL, {"status": "confirmed", "language": "es"}))
    assert "1 subscriber matches." in filtered
    assert "luz@example.org" in filtered and "ada@example.org" not in filtered
    # A value no choice has is ignored, not an error.
    assert client.get(URL, {"status": "'; drop", "p": "x"}).status_code == 200
    assert PageLogEntry.objects.filter(action="home.view_subscribers").count() == 3


def test_the_export_is_formula_safe_and_opens_as_utf8(client, reviewer, subscribers):  # noqa: F811
    client.force_login(reviewer)
    response = client.get(URL, {"export": "csv", "status": "pending"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Email", "Language", "Status"]
    assert rows[1][:3] == ["'=HYPERLINK(1)@example.org", "es", "waiting for confirmation"]
    assert len(rows) == 2
    entry = PageLogEntry.objects.get(action="home.export_subscribers")
    assert entry.data == {"count": 1}
    assert entry.user == reviewer


def test_nobody_else_sees_the_list_or_the_menu_item(client, editor, subscribers):  # noqa: F811
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)
    assert "Meeting subscribers" not in client.get("/admin/").content.decode()
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reviewers_get_the_menu_item(client, reviewer, subscribers):  # noqa: F811
    client.force_login(reviewer)
    assert "Meeting subscribers" in client.get("/admin/").content.decode()
