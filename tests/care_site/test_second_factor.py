"""Staff who can read personal data (submission reviewers, whoever manages users, superusers)
give a code from an authenticator app, or a single-use recovery code, after their password
before any admin page opens. Everyone else signs in as before."""

import base64
import datetime
import re
from urllib.parse import quote

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import Submission
from home.roles import EDITORS, REVIEWERS

PASSWORD = "correct horse battery staple"
SETUP = "/admin/second-step/set-up/"
VERIFY = "/admin/second-step/"
RECOVERY_CODES = "/admin/second-step/recovery-codes/"
CODE_PATTERN = re.compile(r"<code[^>]*>([a-z2-7]{4}-[a-z2-7]{4})</code>")


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.CARE_SECOND_FACTOR_REQUIRED = True


@pytest.fixture
def submissions(home_page):
    """The submissions page of a form someone has answered: what a reviewer opens."""
    form = FormPageFactory(parent=home_page, title="Connect with us", slug="connect")
    FormFieldFactory(page=form, label="Your name", field_type="singleline")
    Submission.objects.create(page=form, form_data={"your_name": "Ada Lovelace"})
    return reverse("wagtailforms:list_submissions", args=[form.pk])


def as_next(url):
    return "next=" + quote(url, safe="")


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def reviewer(django_user_model):
    return member_of(django_user_model, REVIEWERS, "reviewer")


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, EDITORS, "editor")


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def sign_out(client):
    client.post("/admin/logout/")


def code_for(device, steps_ahead=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


def wrong_code(device):
    """A six-digit code none of the windows the device accepts (previous, now, next) shows."""
    accepted = {code_for(device, steps) for steps in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in accepted)


def redirect_target(response):
    assert response.status_code == 302
    return response.headers["Location"]


def set_up(client, user, next_url="/admin/"):
    """Signs `user` in and completes set-up; returns the confirmed device and the codes shown."""
    sign_in(client, user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": code_for(device), "next": next_url})
    assert response.status_code == 200
    return device, CODE_PATTERN.findall(response.content.decode())


def later():
    """A moment past the current TOTP window: a code is accepted once, so the next sign-in
    needs the app's next code."""
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=61), tick=False)


def test_a_reviewer_signing_in_is_sent_to_set_up_and_cannot_open_submissions(
    client, reviewer, submissions
):
    sign_in(client, reviewer)
    assert redirect_target(client.get("/admin/")) == f"{SETUP}?next=%2Fadmin%2F"
    before = client.get(submissions)
    assert redirect_target(before) == f"{SETUP}?{as_next(submissions)}"
    assert "Ada Lovelace" not in client.get(submissions, follow=True).content.decode()
    assert redirect_target(client.get("/admin/account/")).startswith(SETUP)

    page = client.get(SETUP)
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
    html = page.content.decode()
    assert "<svg" in html and "<path" in html
    device = TOTPDevice.objects.get(user=reviewer)
    assert device.confirmed is False
    # The app lists the account as CARE's.
    assert device.config_url.startswith("otpauth://totp/CARE%3Areviewer?")
    # The key for typing in by hand, as authenticator apps take it (base32).
    assert " ".join(re.findall(".{4}", base64.b32encode(device.bin_key).decode())) in html
    # Reloading keeps the key the person may already have scanned.
    client.get(SETUP)
    assert list(TOTPDevice.objects.filter(user=reviewer)) == [device]
    assert redirect_target(client.get(submissions)).startswith(SETUP)


def test_confirming_set_up_shows_ten_recovery_codes_once_and_opens_submissions(
    client, reviewer, submissions
):
    sign_in(client, reviewer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer)
    shown = client.post(SETUP, {"code": code_for(device), "next": submissions})

    assert shown.status_code == 200
    assert "no-store" in shown.headers["Cache-Control"]
    codes = CODE_PATTERN.findall(shown.content.decode())
    assert len(codes) == 10
    stored = set(StaticToken.objects.filter(device__user=reviewer).values_list("token", flat=True))
    assert {code.replace("-", "") for code in codes} == stored
    assert f'href="{submissions}"' in shown.content.decode()
    device.refresh_from_db()
    assert device.confirmed is True

    opened = client.get(submissions)
    assert opened.status_code == 200
    assert "Ada Lovelace" in opened.content.decode()
    # Never shown again: set-up is closed, and the account page only counts them.
    assert redirect_target(client.get(SETUP)).startswith(VERIFY)
    account_page = client.get(RECOVERY_CODES).content.decode()
    assert "You have 10 unused recovery codes." in account_page
    assert not CODE_PATTERN.findall(account_page)
    assert not any(code in account_page for code in stored)


def test_a_wrong_code_at_set_up_is_refused_and_stores_nothing(client, reviewer, submissions):
    sign_in(client, reviewer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=reviewer)
    code = wrong_code(device)

    response = client.post(SETUP, {"code": code})

    assert response.status_code == 200
    html = response.content.decode()
    assert "That code is not right." in html
    assert f'value="{code}"' not in html
    device.refresh_from_db()
    assert device.confirmed is False
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    assert redirect_target(client.get(submissions)).startswith(SETUP)


def test_later_sign_ins_ask_for_a_code_and_refuse_a_wrong_one(client, reviewer, submissions):
    device, _codes = set_up(client, reviewer)
    sign_out(client)

    with later():
        sign_in(client, reviewer)
        assert redirect_target(client.get(submissions)) == f"{VERIFY}?{as_next(submissions)}"
        assert "no-store" in client.get(VERIFY).headers["Cache-Control"]
        device.refresh_from_db()
        last_used = device.last_t

        refused = client.post(VERIFY, {"code": wrong_code(device), "next": submissions})
        assert refused.status_code == 200
        assert "That code is not right." in refused.content.decode()
        device.refresh_from_db()
        assert device.last_t == last_used
        assert redirect_target(client.get(submissions)).startswith(VERIFY)

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=125), tick=False):
        accepted = client.post(VERIFY, {"code": code_for(device), "next": submissions})
        assert redirect_target(accepted) == submissions
        assert client.get(submissions).status_code == 200
        # The same code a second time (a replay) opens nothing in another session.
        sign_out(client)
        sign_in(client, reviewer)
        replay = client.post(VERIFY, {"code": code_for(device), "next": submissions})
        assert replay.status_code == 200
        assert redirect_target(client.get(submissions)).startswith(VERIFY)


def test_a_wrong_code_holds_off_the_next_try(client, reviewer, submissions):
    """django-otp's throttling: after n wrong codes in a row the device refuses to check any
    code, the right one included, for 2^(n-1) seconds."""
    device, _codes = set_up(client, reviewer)
    sign_out(client)
    moment = timezone.now() + datetime.timedelta(seconds=61)
    with time_machine.travel(moment, tick=False):
        sign_in(client, reviewer)
        client.post(VERIFY, {"code": wrong_code(device)})
        held = client.post(VERIFY, {"code": code_for(device)})
        assert "Wait 1 second, then try again." in held.content.decode()
        assert redirect_target(client.get(submissions)).startswith(VERIFY)
    with time_machine.travel(moment + datetime.timedelta(seconds=2), tick=False):
        assert redirect_target(client.post(VERIFY, {"code": code_for(device)})) == "/admin/"


def test_a_recovery_code_works_once(client, reviewer, submissions):
    device, codes = set_up(client, reviewer)
    sign_out(client)

    sign_in(client, reviewer)
    # Typed as shown, or in capitals, with or without the hyphen.
    used = client.post(VERIFY, {"code": codes[0].upper(), "next": submissions})
    assert redirect_target(used) == submissions
    dashboard = client.get(submissions, follow=True).content.decode()
    assert "You used a recovery code: 9 are left." in dashboard
    assert StaticToken.objects.filter(device__user=reviewer).count() == 9
    sign_out(client)

    sign_in(client, reviewer)
    again = client.post(VERIFY, {"code": codes[0], "next": submissions})
    assert again.status_code == 200
    assert "That code is not right." in again.content.decode()
    assert redirect_target(client.get(submissions)).startswith(VERIFY)


def test_new_recovery_codes_replace_the_old_ones(client, reviewer):
    _device, old_codes = set_up(client, reviewer)
    assert RECOVERY_CODES in client.get("/admin/account/").content.decode()

    response = client.post(RECOVERY_CODES)

    assert "no-store" in response.headers["Cache-Control"]
    new_codes = CODE_PATTERN.findall(response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    stored = set(StaticToken.objects.filter(device__user=reviewer).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in new_codes}


def test_an_editor_is_never_asked(client, editor):
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
    assert redirect_target(client.get(VERIFY)) == "/admin/"
    assert redirect_target(client.get(SETUP)) == "/admin/"
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert RECOVERY_CODES not in client.get("/admin/account/").content.decode()


def test_a_superuser_is_asked(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", PASSWORD)
    sign_in(client, admin)
    assert redirect_target(client.get("/admin/")).startswith(SETUP)


def test_the_permission_decides_not_the_group(client, django_user_model):
    """Whoever may manage users is asked, however they came by the permission."""
    user = member_of(django_user_model, EDITORS, "manager")
    user.user_permissions.add(Permission.objects.get(codename="change_user"))
    sign_in(client, user)
    assert redirect_target(client.get("/admin/")).startswith(SETUP)


def test_the_reset_command_makes_the_user_set_up_again(client, reviewer, submissions):
    set_up(client, reviewer)
    assert client.get(submissions).status_code == 200

    call_command("reset_second_factor", "reviewer")

    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not StaticDevice.objects.filter(user=reviewer).exists()
    # The open session loses its second step at once.
    assert redirect_target(client.get(submissions)).startswith(SETUP)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_second_factor", "nobody")


def test_the_admin_chrome_and_signing_out_work_before_the_second_step(client, reviewer):
    sign_in(client, reviewer)
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert redirect_target(client.post("/admin/logout/")).startswith("/admin/login/")
    assert redirect_target(client.get("/admin/")).startswith("/admin/login/")


def test_a_next_address_elsewhere_is_not_followed(client, reviewer):
    device, _codes = set_up(client, reviewer)
    sign_out(client)
    with later():
        sign_in(client, reviewer)
        response = client.post(
            VERIFY, {"code": code_for(device), "next": "https://attacker.example/"}
        )
        assert redirect_target(response) == "/admin/"


def test_public_pages_and_the_api_are_unaffected(client, reviewer, home_page):
    sign_in(client, reviewer)
    assert client.get(home_page.url).status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200


def test_the_steps_speak_spanish_to_a_spanish_speaking_reviewer(client, reviewer):
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "es"
    profile.save()
    sign_in(client, reviewer)
    page = client.get(SETUP).content.decode()
    assert "Configure su segundo paso" in page
