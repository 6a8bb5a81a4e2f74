"""The client address the rate limit and the sign-in throttle count by: X-Forwarded-For only
through the configured number of trusted proxies, never what a client writes there itself."""

from django.test import RequestFactory

import pytest

from care_site.base.client_ip import client_ip


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "127.0.0.9"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "127.0.0.9"),
        (1, "not-an-ip", "127.0.0.9"),
        (1, "", "127.0.0.9"),
    ],
)
def test_client_ip_reads_only_through_trusted_proxies(settings, trusted, forwarded, expected):
    settings.CARE_TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
