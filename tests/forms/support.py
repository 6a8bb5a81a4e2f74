"""Helpers for the form tests: answers with a valid spam timer, a mail server that is down, a
cache that is down."""

import time

from django.core.cache.backends.base import BaseCache
from django.core.mail.backends.base import BaseEmailBackend

from forms import spam


def filled(page, answers, *, consent=True, seconds_ago=60):
    """`answers` as a person's browser posts them: the timer token the page handed out
    `seconds_ago`, the empty spam trap and the ticked consent box."""
    data = {
        spam.TOKEN_FIELD: spam.make_token(page, issued_at=time.time() - seconds_ago),
        spam.HONEYPOT_FIELD: "",
        **answers,
    }
    if consent:
        data["care_consent"] = "on"
    return data


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server is down")


class BrokenCache(BaseCache):
    """A cache whose every operation fails, as Redis does when it is down."""

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    add = get = set = touch = delete = clear = incr = has_key = get_many = set_many = _fail
    delete_many = _fail


class VisitorMailDownBackend(BaseEmailBackend):
    """Staff mail goes through (into Django's test outbox); mail to visitors fails."""

    def send_messages(self, email_messages):
        from django.core import mail

        for message in email_messages:
            if not all(address.endswith("@care.example.org") for address in message.to):
                raise ConnectionRefusedError("mail server is down for outside addresses")
            mail.outbox.append(message)
        return len(email_messages)
