"""Draft preview for a decoupled front end: an editor gets a short-lived signed token, the
front end fetches the latest draft with it."""

import datetime

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from care_site.api import preview


@pytest.fixture
def draft(library):
    report = library["policy_report"]
    report.title = "Draft title, not published"
    report.save_revision()
    return report


def token_for(admin_client, page):
    response = admin_client.get(reverse("api_preview_token", args=[page.pk]), {"format": "json"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def test_an_editor_previews_the_latest_draft_through_the_api(admin_client, client, draft):
    issued = token_for(admin_client, draft)
    assert issued["expires_in"] == 600
    response = client.get(reverse("api_preview"), {"token": issued["token"]})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Draft title, not published"
    assert data["id"] == draft.pk
    assert {"topics", "resource_type", "body"} <= set(data)
    assert "no-store" in response["Cache-Control"]
    # The published page is unchanged for everyone else.
    assert client.get(f"/api/v2/pages/{draft.pk}/").json()["title"] == "Policy report"


def test_the_token_expires(admin_client, client, draft):
    token = token_for(admin_client, draft)["token"]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        response = client.get(reverse("api_preview"), {"token": token})
    assert response.status_code == 400
    assert "expired" in response.json()["message"]


@pytest.mark.parametrize("token", ["forged", "eyJwYWdlIjoxfQ:1abc:bad"])
def test_forged_tokens_are_refused(client, db, token):
    response = client.get(reverse("api_preview"), {"token": token})
    assert response.status_code == 400
    assert response.json() == {"message": "preview token is not valid"}


@pytest.mark.parametrize("query", [{}, {"token": ""}])
def test_a_missing_token_is_refused(client, db, query):
    response = client.get(reverse("api_preview"), query)
    assert response.status_code == 400
    assert "token" in response.json()["message"]


def test_only_editors_of_the_page_get_a_token(client, django_user_model, draft):
    url = reverse("api_preview_token", args=[draft.pk])
    assert client.get(url).status_code == 404
    visitor = django_user_model.objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(visitor)
    assert client.get(url).status_code == 404


def test_a_token_is_for_one_revision(admin_client, client, draft):
    token = token_for(admin_client, draft)["token"]
    draft.title = "A later draft"
    draft.save_revision()
    # The token still shows the revision it was made for, not whatever comes later.
    assert client.get(reverse("api_preview"), {"token": token}).json()["title"] == (
        "Draft title, not published"
    )


@override_settings(CARE_API_PREVIEW_CLIENT_URL="https://front.example.org/preview?token={token}")
def test_the_admin_link_sends_the_editor_to_the_front_end(admin_client, draft):
    response = admin_client.get(reverse("api_preview_token", args=[draft.pk]))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://front.example.org/preview?token=")
    token = location.split("token=", 1)[1]
    assert preview.read_token(token) == (draft.pk, draft.latest_revision_id)


def test_the_page_editor_offers_the_front_end_preview(admin_client, settings, draft):
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    token_url = reverse("api_preview_token", args=[draft.pk])
    settings.CARE_API_PREVIEW_CLIENT_URL = ""
    assert token_url not in admin_client.get(edit_url).content.decode()
    settings.CARE_API_PREVIEW_CLIENT_URL = "https://front.example.org/preview?token={token}"
    assert token_url in admin_client.get(edit_url).content.decode()
