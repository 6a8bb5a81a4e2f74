"""Acceptance: on the demo site, a first-time visitor fills in each seeded form (in English and
in Spanish) exactly as a browser would, is thanked, and a submission reviewer exports the
answers to CSV and XLSX, which open without a single formula."""

import datetime

from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse

import pytest
import time_machine

from events.models import Subscriber
from forms.models import FormPage, Submission
from forms.permissions import REVIEWERS_GROUP
from tests.forms.test_submissions_admin import csv_rows, xlsx_rows
from tests.helpers import soup, visible_text

SEEDED = ["register", "suggest-a-resource", "connect-with-us"]


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def answer(field):
    """What a person (with a taste for formulas) types into `field`."""
    if field.field_type == "email":
        return "ada@example.org"
    if field.field_type == "url":
        return "https://example.org/resource"
    if field.field_type in ("radio", "dropdown"):
        return field.choices.splitlines()[0]
    if field.field_type == "multiline":
        return "@SUM(1) is how I would put it"
    return '=HYPERLINK("http://evil.example","x") Ada'


def fill_in_as_a_browser(client, page):
    """GET the form, then post every input it rendered, with our answers in the fields."""
    response = client.get(page.url)
    assert response.status_code == 200
    form = soup(response).find("form", class_="form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
    }
    data["care_trap"] = ""
    data["care_consent"] = "on"
    for field in page.get_form_fields():
        assert form.find(attrs={"name": field.clean_name}) is not None, field.clean_name
        data[field.clean_name] = answer(field)
    return data


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("slug", SEEDED)
def test_a_new_visitor_submits_each_seeded_form(
    slug, language, mailoutbox, spanish, django_user_model
):
    english = FormPage.objects.get(locale__language_code="en", slug=slug)
    page = english
    if language == "es":
        page = FormPage.objects.get(translation_key=english.translation_key, locale=spanish)
    visitor = Client(enforce_csrf_checks=True)
    data = fill_in_as_a_browser(visitor, page)
    # People take more than three seconds to fill in a form.
    with (
        time_machine.travel(datetime.timedelta(seconds=30)),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = visitor.post(page.url, data)
    assert response.status_code == 200
    thanks = visible_text(f"<div>{page.thank_you_text}</div>")
    assert thanks in visible_text(response)
    submission = Submission.objects.get(page=page)
    assert submission.language == language
    assert submission.consent_text == page.consent_text
    assert [mail.to for mail in mailoutbox][0] == ["care-staff@example.org"]
    if slug == "register":
        # The registration form subscribes the person, who is asked to confirm in their
        # language.
        assert page.subscribes_to_meetings
        assert mailoutbox[1].to == ["ada@example.org"]
        assert f"/{language}/subscriptions/confirm/" in mailoutbox[1].body
        subscriber = Subscriber.objects.get(email="ada@example.org")
        assert (subscriber.language, subscriber.status) == (language, Subscriber.Status.PENDING)

    reviewer = Client()
    user = django_user_model.objects.create_user("reviewer", "r@example.org", "pw")
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    reviewer.force_login(user)
    url = reverse("wagtailforms:list_submissions", args=[english.pk])
    rows = csv_rows(reviewer.get(url, {"export": "csv"}))
    assert len(rows) == 2
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in rows[1])
    assert rows[1][-2] == language
    rows = xlsx_rows(reviewer.get(url, {"export": "xlsx"}))
    assert len(rows) == 2
