"""Admin sign-in is throttled per account and per address (django-axes)."""

import pytest

FAILURE_LIMIT = 10


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )


def attempt(client, username, password, ip="203.0.113.5"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.mark.django_db
def test_repeated_wrong_passwords_for_one_account_are_locked_out(client, editor):
    for _ in range(FAILURE_LIMIT - 1):
        assert attempt(client, "editor", "wrong").status_code == 200
    locked = attempt(client, "editor", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # Even the right password is refused until the cool-off ends, from another address too.
    assert (
        attempt(client, "editor", "correct horse battery staple", ip="198.51.100.7").status_code
        == 429
    )


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_locked_out(client, editor):
    for number in range(FAILURE_LIMIT):
        attempt(client, f"user{number}", "wrong")
    assert attempt(client, "editor", "correct horse battery staple").status_code == 429


@pytest.mark.django_db
def test_a_correct_password_after_a_few_mistakes_signs_in(client, editor):
    for _ in range(3):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "correct horse battery staple").status_code == 302
