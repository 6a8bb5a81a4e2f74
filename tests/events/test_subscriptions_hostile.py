"""Hostile input on the subscription pages: made-up, malformed, very long, other people's and
spent tokens get the plain 404 page, never an error; and nothing a visitor sees tells whether
an address is subscribed."""

# ruff: noqa: F811

import pytest

from events.models import Subscriber
from events.subscribers import new_token
from events.subscriptions import confirm_url, manage_url, unsubscribe_url
from tests.events.subscription_support import (  # noqa: F401
    path_of,
    register,
    register_form,
)
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

KINDS = ["confirm", "manage", "unsubscribe"]
BAD_TOKENS = [
    "x",
    new_token(),
    "A" * 43,
    "a" * 65,
    "a" * 5000,
    "%00",
    "..%2F..%2Fadmin",
    "'%20OR%201=1--",
    "%E2%80%AE" * 3,
    "token%0d%0aSet-Cookie:x=1",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_tokens_nobody_holds_get_the_404_page(client, kind, method, register_form):
    Subscriber.objects.create(email="ada@example.org", language="en", token=new_token())
    for token in BAD_TOKENS:
        response = getattr(client, method)(f"/en/subscriptions/{kind}/{token}/")
        assert response.status_code == 404, token
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_other_methods_are_refused_without_error(client):
    subscriber = Subscriber.objects.create(email="a@example.org", language="en", token=new_token())
    for url in (confirm_url(subscriber), manage_url(subscriber), unsubscribe_url(subscriber)):
        for method in ("put", "delete", "patch"):
            assert getattr(client, method)(path_of(url)).status_code == 405


def test_a_token_works_only_for_its_own_subscription(client):
    ada = Subscriber.objects.create(email="ada@example.org", language="en", token=new_token())
    bob = Subscriber.objects.create(email="bob@example.org", language="en", token=new_token())
    client.post(path_of(confirm_url(ada)))
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.get(pk=bob.pk).status == Subscriber.Status.PENDING
    # A token with one character changed belongs to nobody.
    near = ada.token[:-1] + ("A" if ada.token[-1] != "A" else "B")
    assert (
        client.post(
            f"/en/subscriptions/unsubscribe/{near}/", {"List-Unsubscribe": "One-Click"}
        ).status_code
        == 404
    )
    assert Subscriber.objects.get(pk=ada.pk).status == Subscriber.Status.CONFIRMED


def test_a_confirmation_link_from_before_leaving_leads_nowhere(client):
    subscriber = Subscriber.objects.create(
        email="ada@example.org",
        language="en",
        token=new_token(),
        status=Subscriber.Status.UNSUBSCRIBED,
    )
    assert client.get(path_of(confirm_url(subscriber))).status_code == 404
    assert client.post(path_of(confirm_url(subscriber))).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_the_404_page_is_the_sites_own(client):
    response = client.get(f"/es/subscriptions/manage/{new_token()}/")
    assert response.status_code == 404
    assert "Página no encontrada" in visible_text(response) or "Page not found" in visible_text(
        response
    )


@pytest.mark.parametrize(
    "address",
    [
        "not-an-address",
        "a" * 300 + "@example.org",
        "<script>alert(1)</script>@example.org",
        "ada@example.org\r\nBcc: everyone@example.org",
        "",
    ],
)
def test_hostile_addresses_make_no_subscriber_and_no_error(register, register_form, address):
    response = register(register_form, address=address)
    assert response.status_code < 500
    assert not Subscriber.objects.exists()


def test_known_and_unknown_addresses_get_the_same_answer(client, register, register_form):
    register(register_form, address="known@example.org")
    client.post(path_of(confirm_url(Subscriber.objects.get())))
    known = register(register_form, address="known@example.org")
    pending = register(register_form, address="known-pending@example.org")
    pending_again = register(register_form, address="known-pending@example.org")
    unknown = register(register_form, address="unknown@example.org")
    answers = {visible_text(r) for r in (known, pending, pending_again, unknown)}
    assert len(answers) == 1
    assert {r.status_code for r in (known, pending, pending_again, unknown)} == {200}
    # Nor do the headers differ (no cookie or header set for one case only).
    assert set(known.headers) == set(unknown.headers)
