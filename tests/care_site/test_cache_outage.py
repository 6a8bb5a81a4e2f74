"""With Redis configured but down, pages still render: cache reads miss, writes are dropped
(django-redis IGNORE_EXCEPTIONS, as base settings configure it for REDIS_URL)."""

import pytest


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            # Nothing listens on port 1: every connection is refused at once.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    settings.PAGE_CACHE_ENABLED = True


def test_pages_are_served_while_redis_is_down(redis_down, client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    assert home_page.title.replace("&", "&amp;") in response.content.decode()


@pytest.mark.django_db
def test_readiness_reports_the_cache_outage_without_failing(redis_down, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": True, "cache": False},
    }
