"""Admin sign-in is throttled per pair of account and client address (django-axes), the address
read through the trusted proxies as the form rate limit reads it: a stranger guessing one
account's password locks out only themself, never its owner signing in from elsewhere."""

import pytest

FAILURE_LIMIT = 10
PASSWORD = "correct horse battery staple"
STRANGER, OWNER = "203.0.113.5", "198.51.100.7"
PROXY = "10.0.0.2"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def attempt(client, username, password, ip=STRANGER, forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


def fail_until_locked(client, username, **where):
    for _ in range(FAILURE_LIMIT - 1):
        assert attempt(client, username, "wrong", **where).status_code == 200
    locked = attempt(client, username, "wrong", **where)
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


@pytest.mark.django_db
def test_a_stranger_guessing_cannot_lock_out_the_owner(client, admin):
    fail_until_locked(client, "admin")
    assert signed_in(attempt(client, "admin", PASSWORD, ip=OWNER))


@pytest.mark.django_db
def test_the_guessing_pair_stays_locked_even_with_the_right_password(client, admin):
    fail_until_locked(client, "admin")
    assert attempt(client, "admin", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_does_not_lock_others_out(client, admin):
    """Staff behind one office address share it: one colleague's typos lock out no one else."""
    for number in range(FAILURE_LIMIT):
        attempt(client, f"user{number}", "wrong")
    assert signed_in(attempt(client, "admin", PASSWORD))


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_decides(client, admin, settings):
    settings.CARE_TRUSTED_PROXY_COUNT = 1
    fail_until_locked(client, "admin", ip=PROXY, forwarded=STRANGER)
    # Everybody arrives from the proxy's address; the owner's own address is what counts.
    assert signed_in(attempt(client, "admin", PASSWORD, ip=PROXY, forwarded=OWNER))


@pytest.mark.django_db
def test_spoofed_extra_hops_do_not_unlock_the_pair(client, admin, settings):
    """The client writes what it likes left of the proxy's hop; only the proxy's hop counts."""
    settings.CARE_TRUSTED_PROXY_COUNT = 1
    fail_until_locked(client, "admin", ip=PROXY, forwarded=STRANGER)
    for spoofed in ("192.0.2.1", OWNER, "not-an-address"):
        retry = attempt(client, "admin", PASSWORD, ip=PROXY, forwarded=f"{spoofed}, {STRANGER}")
        assert retry.status_code == 429


@pytest.mark.django_db
def test_a_correct_password_after_a_few_mistakes_signs_in(client, admin):
    for _ in range(3):
        attempt(client, "admin", "wrong")
    assert signed_in(attempt(client, "admin", PASSWORD))
