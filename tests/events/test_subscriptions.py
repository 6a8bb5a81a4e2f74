"""Registering for the Peer Learning Community is a subscription with double opt-in: the
registration form stores the answers as before and emails a confirmation link in the page's
language; only the button behind that link confirms. Registering again reveals nothing, and a
stranger's address gets at most three confirmation emails a day."""

# The fixtures come from `subscription_support`, imported by name (pytest finds them so);
# ruff reads the test arguments as redefinitions.
# ruff: noqa: F811

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from events.models import Subscriber
from events.subscriptions import list_unsubscribe_headers, manage_url, unsubscribe_url
from forms.models import Submission
from tests.events.subscription_support import (  # noqa: F401
    links,
    path_of,
    register,
    register_form,
    spanish_register_form,
)
from tests.helpers import soup, visible_text

pytestmark = pytest.mark.django_db


def test_registering_in_english_stores_the_answers_and_asks_for_confirmation(
    register, register_form
):
    response = register(register_form, address="Ada@Example.org")
    assert response.status_code == 200
    assert "Thank you for registering. Check your inbox." in visible_text(response)
    submission = Submission.objects.get()
    assert submission.form_data["email_address"] == "Ada@Example.org"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.org"
    assert subscriber.language == "en"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmations_sent == 1
    [message] = mail.outbox
    assert message.to == ["ada@example.org"]
    assert message.subject == "Confirm your subscription to the Peer Learning Community"
    assert "open this link and press the button" in message.body
    assert links(message) == {"confirm": f"/en/subscriptions/confirm/{subscriber.token}/"}
    assert message.extra_headers == list_unsubscribe_headers(subscriber)
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://localhost/en/subscriptions/unsubscribe/{subscriber.token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_registering_in_spanish_asks_in_spanish(register, spanish_register_form):
    response = register(spanish_register_form, address="luz@example.org")
    assert response.status_code == 200
    assert "Gracias por inscribirse" in visible_text(response)
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "es"
    [message] = mail.outbox
    assert message.subject == "Confirme su suscripción a la Comunidad de Aprendizaje entre Pares"
    assert "Para confirmarlo, abra este enlace" in message.body
    confirm = links(message)["confirm"]
    assert confirm.startswith("/es/subscriptions/confirm/")
    page = Client().get(confirm)
    assert page.status_code == 200
    assert "Confirmar mi suscripción" in visible_text(page)
    assert soup(page).html["lang"].startswith("es")


def test_the_link_shows_a_button_and_only_the_button_confirms(client, register, register_form):
    register(register_form)
    confirm = links(mail.outbox[0])["confirm"]
    # A mail scanner following the link changes nothing.
    for _ in range(2):
        page = client.get(confirm)
        assert page.status_code == 200
        assert soup(page).find("form", method="post").find("button")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert page["Cache-Control"].startswith("max-age=0")
    assert page["Referrer-Policy"] == "no-referrer"

    done = client.post(confirm)
    assert done.status_code == 200
    assert "You are subscribed" in visible_text(done)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    # Followed again later, the link leads to the subscription's own page; nothing changes.
    again = client.post(confirm)
    assert again.status_code == 302
    assert again["Location"] == path_of(manage_url(subscriber))
    assert Subscriber.objects.get().confirmed_at == subscriber.confirmed_at


def test_the_confirm_post_needs_the_pages_csrf_token(register, register_form):
    register(register_form)
    confirm = links(mail.outbox[0])["confirm"]
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(confirm).status_code == 403
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_registering_again_reveals_nothing_and_resends_within_the_limit(register, register_form):
    first = register(register_form, address="ada@example.org")
    again = register(register_form, address="ADA@example.org ")
    stranger = register(register_form, address="new@example.org")
    assert first.status_code == again.status_code == stranger.status_code == 200
    assert visible_text(first) == visible_text(again) == visible_text(stranger)
    assert Subscriber.objects.count() == 2
    ada = Subscriber.objects.get(email="ada@example.org")
    assert ada.confirmations_sent == 2
    assert [m.to for m in mail.outbox] == [["ada@example.org"]] * 2 + [["new@example.org"]]
    # Every answer is kept, as from any form.
    assert Submission.objects.count() == 3


def test_a_confirmed_address_registering_again_gets_no_email(client, register, register_form):
    register(register_form)
    client.post(links(mail.outbox[0])["confirm"])
    mail.outbox.clear()
    response = register(register_form)
    assert response.status_code == 200
    assert "Thank you for registering" in visible_text(response)
    assert mail.outbox == []
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_at_most_three_confirmation_emails_a_day_reach_one_address(
    client, register, register_form, settings
):
    settings.CARE_FORMS_RATE_LIMIT = 100
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            assert register(register_form, address="victim@example.org").status_code == 200
            clock.shift(datetime.timedelta(minutes=10))
        assert len(mail.outbox) == 3
        assert Subscriber.objects.get().confirmations_sent == 3
        clock.shift(datetime.timedelta(hours=24))
        register(register_form, address="victim@example.org")
        assert len(mail.outbox) == 4
    # Every link sent works: the token did not change while waiting.
    assert len({links(m)["confirm"] for m in mail.outbox}) == 1


def test_one_click_unsubscribe_needs_no_csrf_token(register, register_form):
    register(register_form)
    subscriber = Subscriber.objects.get()
    strict = Client(enforce_csrf_checks=True)
    address = path_of(unsubscribe_url(subscriber))
    # GET (a scanner, a person's first click) only asks.
    page = strict.get(address)
    assert page.status_code == 200
    assert "Stop sending meeting announcements to ada@example.org?" in visible_text(page)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    response = strict.post(address, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in visible_text(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # Mail clients may send it twice.
    assert strict.post(address, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_a_post_without_the_one_click_body_unsubscribes_nobody(register, register_form):
    register(register_form)
    subscriber = Subscriber.objects.get()
    response = Client().post(path_of(unsubscribe_url(subscriber)), {"something": "else"})
    assert response.status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_the_manage_page_keeps_a_time_zone_and_offers_the_way_out(client, register, register_form):
    register(register_form)
    client.post(links(mail.outbox[0])["confirm"])
    subscriber = Subscriber.objects.get()
    address = path_of(manage_url(subscriber))
    page = client.get(address)
    assert page.status_code == 200
    assert "Meeting announcements go to ada@example.org." in visible_text(page)
    unsubscribe = soup(page).find("form", action=path_of(unsubscribe_url(subscriber)))
    assert unsubscribe.find("input", attrs={"name": "List-Unsubscribe"})["value"] == "One-Click"

    saved = client.post(address, {"time_zone": "Europe/Madrid"})
    assert saved.status_code == 200
    assert "Your choice is saved." in visible_text(saved)
    assert Subscriber.objects.get().time_zone == "Europe/Madrid"

    refused = client.post(address, {"time_zone": "Mars/Olympus_Mons"})
    assert refused.status_code == 200
    assert Subscriber.objects.get().time_zone == "Europe/Madrid"

    client.post(path_of(unsubscribe_url(subscriber)), {"List-Unsubscribe": "One-Click"})
    gone = client.get(address)
    assert gone.status_code == 200
    assert "You are unsubscribed" in visible_text(gone)


def test_coming_back_after_leaving_asks_again_with_new_links(client, register, register_form):
    register(register_form)
    client.post(links(mail.outbox[0])["confirm"])
    old = Subscriber.objects.get()
    client.post(path_of(unsubscribe_url(old)), {"List-Unsubscribe": "One-Click"})
    register(register_form)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.token != old.token
    assert len(mail.outbox) == 2
    # The old links lead nowhere.
    assert client.get(links(mail.outbox[0])["confirm"]).status_code == 404
    assert client.get(path_of(manage_url(old))).status_code == 404


def test_a_form_that_does_not_subscribe_makes_no_subscriber(register, register_form):
    register_form.subscribes_to_meetings = False
    register_form.save_revision().publish()
    register(register_form)
    assert Submission.objects.count() == 1
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_the_spanish_copy_keeps_the_setting(register_form, spanish_register_form):
    assert spanish_register_form.subscribes_to_meetings is True


def test_the_links_are_absolute_on_the_public_address(settings):
    settings.CARE_PUBLIC_URL = "https://care.example.org"
    subscriber = Subscriber(email="a@example.org", language="es", token="abc")
    assert manage_url(subscriber) == "https://care.example.org/es/subscriptions/manage/abc/"
    assert unsubscribe_url(subscriber) == (
        "https://care.example.org/es/subscriptions/unsubscribe/abc/"
    )
