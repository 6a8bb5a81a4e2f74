"""Rate limit: five posts a minute per client IP and form; the sixth gets a friendly 429 and
nothing is stored. X-Forwarded-For counts only through the configured proxies, and a cache that
is down lets people through."""

import datetime
import logging

from django.core.cache import cache

import pytest
import time_machine

from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import visible_text

NOON = datetime.datetime(2030, 3, 4, 12, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    """Inside one rate-limit window, whatever second the test starts at."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def post(client, form, **headers):
    answers = filled(form, VALID_ANSWERS)
    return client.post(form.url, answers, headers=headers)


@pytest.mark.django_db
def test_the_sixth_and_seventh_post_in_a_minute_are_refused(client, contact_form, frozen):
    for _ in range(5):
        assert post(client, contact_form).status_code == 200
    assert Submission.objects.count() == 5
    for _ in range(2):
        response = post(client, contact_form)
        assert response.status_code == 429
        text = visible_text(response)
        assert "Too many tries in a short time" in text
        # The person's answers are still in the form.
        assert response.context["form"].data["message"] == VALID_ANSWERS["message"]
    assert Submission.objects.count() == 5


@pytest.mark.django_db
def test_the_limit_is_per_client_and_resets_after_a_minute(client, contact_form, frozen):
    for _ in range(5):
        post(client, contact_form)
    assert post(client, contact_form).status_code == 429
    other = client.post(
        contact_form.url, filled(contact_form, VALID_ANSWERS), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 200
    frozen.shift(datetime.timedelta(seconds=61))
    assert post(client, contact_form).status_code == 200
    assert Submission.objects.count() == 7


@pytest.mark.django_db
def test_a_spoofed_forwarded_header_does_not_reset_the_limit(client, contact_form, frozen):
    """With no trusted proxy configured (the default), X-Forwarded-For is ignored."""
    for n in range(5):
        post(client, contact_form, x_forwarded_for=f"203.0.113.{n}")
    response = post(client, contact_form, x_forwarded_for="198.51.100.99")
    assert response.status_code == 429
    assert Submission.objects.count() == 5


@pytest.mark.django_db
def test_behind_a_trusted_proxy_a_client_cannot_spoof_its_way_round(
    client, contact_form, frozen, settings
):
    """One trusted proxy appends the address it saw; anything left of it is the client's."""
    settings.CARE_TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        response = post(client, contact_form, x_forwarded_for=f"10.9.9.{n}, 198.51.100.20")
        assert response.status_code == 200
    response = post(client, contact_form, x_forwarded_for="10.0.0.1, 198.51.100.20")
    assert response.status_code == 429
    # A different real client behind the same proxy has its own allowance.
    assert post(client, contact_form, x_forwarded_for="198.51.100.21").status_code == 200


@pytest.mark.django_db
def test_the_cache_keeps_no_ip_address(client, contact_form, frozen):
    post(client, contact_form)
    keys = list(cache._cache.keys())
    assert any("care_forms:rate:" in key for key in keys)
    assert not any("127.0.0.1" in key for key in keys)


@pytest.mark.django_db
def test_a_cache_that_is_down_lets_submissions_through_and_is_logged(
    client, contact_form, settings, caplog
):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "tests.forms.support.BrokenCache"},
    }
    settings.CARE_FORMS_RATE_LIMIT_CACHE = "broken"
    with caplog.at_level(logging.WARNING, logger="forms.ratelimit"):
        for _ in range(7):
            assert post(client, contact_form).status_code == 200
    assert Submission.objects.count() == 7
    assert "Rate limit cache unavailable" in caplog.text


@pytest.mark.django_db
def test_setting_the_limit_to_zero_turns_it_off(client, contact_form, settings, frozen):
    settings.CARE_FORMS_RATE_LIMIT = 0
    for _ in range(7):
        assert post(client, contact_form).status_code == 200
