"""Redis down (a real django-redis cache on a closed port): a form post is stored and answered
as usual, from the page and from the API, whether the cache swallows its errors
(`IGNORE_EXCEPTIONS`, the production setting, where reads and `incr` return None) or raises
them; the outage is logged. (Readiness with Redis down: tests/care_site/test_cache_outage.py.)"""

import logging
import time

import pytest

from forms import spam
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled

# Nothing listens on port 1: every connection is refused at once.
CLOSED_PORT = "redis://127.0.0.1:1/0"


def redis_cache(ignore_exceptions):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CLOSED_PORT,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            "IGNORE_EXCEPTIONS": ignore_exceptions,
        },
    }


@pytest.fixture(params=["ignore_exceptions", "raises"])
def redis_down(request, settings):
    """Production's shape: the whole default cache on Redis with IGNORE_EXCEPTIONS. A cache
    that raises can only be the rate limit's own alias: Wagtail reads the default cache on every
    page, so a raising default cache fails pages before any form code runs (docs/forms.md)."""
    if request.param == "ignore_exceptions":
        settings.CACHES = {"default": redis_cache(ignore_exceptions=True)}
    else:
        settings.CACHES = {**settings.CACHES, "limits": redis_cache(ignore_exceptions=False)}
        settings.CARE_FORMS_RATE_LIMIT_CACHE = "limits"
    return request.param


@pytest.mark.django_db
def test_a_form_post_is_stored_while_redis_is_down(client, contact_form, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="forms.ratelimit"):
        for _ in range(7):
            response = client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
            assert response.status_code == 200
            assert "We have received your message" in response.content.decode()
    assert Submission.objects.count() == 7
    assert Submission.objects.first().form_data["your_name"] == "Ada Lovelace"
    assert "Rate limit cache unavailable" in caplog.text


@pytest.mark.django_db
def test_an_api_post_is_stored_while_redis_is_down(client, contact_form, redis_down, caplog):
    answers = {
        **VALID_ANSWERS,
        "care_consent": True,
        spam.TOKEN_FIELD: spam.make_token(contact_form, issued_at=time.time() - 60),
        spam.HONEYPOT_FIELD: "",
    }
    with caplog.at_level(logging.WARNING, logger="forms.ratelimit"):
        response = client.post(
            f"/api/v2/forms/{contact_form.pk}/", answers, content_type="application/json"
        )
    assert response.status_code == 201, response.content
    stored = Submission.objects.get(pk=response.json()["id"])
    assert stored.form_data["email"] == "ada@example.org"
    assert "Rate limit cache unavailable" in caplog.text
