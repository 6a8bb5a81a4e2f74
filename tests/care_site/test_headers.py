"""Every response says which browser features the site uses (`Permissions-Policy`), and says
the same thing about framing in both headers browsers read: `X-Frame-Options` and CSP's
`frame-ancestors`. The public site may be framed by no one; the admin only by itself (its
previews)."""

import pytest

from tests.helpers import parse_csp

EMBED_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
FRAMING = {"DENY": ["'none'"], "SAMEORIGIN": ["'self'"]}


@pytest.fixture
def responses(client, admin_client, home_page):
    """One response of each kind, as its visitor gets it."""
    return {
        "public page": ("DENY", client.get("/en/")),
        "not found": ("DENY", client.get("/en/no-such-page/")),
        "API": ("DENY", client.get("/api/v2/pages/")),
        "refused body": (
            "DENY",
            client.post(
                "/en/", b"a=1", content_type="application/x-www-form-urlencoded; charset=utf-16"
            ),
        ),
        "admin sign-in": ("SAMEORIGIN", client.get("/admin/login/")),
        "admin": ("SAMEORIGIN", admin_client.get("/admin/")),
        "admin page explorer": ("SAMEORIGIN", admin_client.get("/admin/pages/")),
    }


def permissions(response):
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


def test_every_response_carries_the_permissions_policy(responses):
    for kind, (_framing, response) in responses.items():
        policy = permissions(response)
        quoted = " ".join(f'"{origin}"' for origin in EMBED_ORIGINS)
        # Video players embedded from the allowed sites may go full screen; nothing else asks.
        assert policy["fullscreen"] == f"(self {quoted})", kind
        assert policy["picture-in-picture"] == f"({quoted})", kind
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "autoplay"):
            assert policy[feature] == "()", (kind, feature)


def test_framing_headers_agree(responses):
    for kind, (framing, response) in responses.items():
        assert response.status_code in (200, 400, 404), kind
        assert response["X-Frame-Options"] == framing, kind
        assert (
            parse_csp(response["Content-Security-Policy"])["frame-ancestors"] == FRAMING[framing]
        ), kind


def test_the_admin_preview_can_be_framed_by_the_admin(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/{home_page.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert parse_csp(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
