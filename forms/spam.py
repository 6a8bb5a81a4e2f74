"""Spam defence without outside services: a honeypot field people never see, and a timer
carried in a signed token, so a bot can neither skip it nor forge a fill time. A wagtail-honeypot
style bare timestamp can be posted as `0`; a signed one cannot."""

import enum
import logging
import time

from django.conf import settings
from django.core import signing

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "care_website"
TOKEN_FIELD = "care_token"  # noqa: S105 (a form field name, not a secret)
SALT = "care_forms.spam.timer"


class Verdict(enum.Enum):
    HUMAN = "human"
    BOT = "bot"
    # A real token, but from a form left open longer than CARE_FORMS_TOKEN_MAX_AGE: the
    # visitor is asked to send again, with what they typed kept.
    EXPIRED = "expired"


def make_token(page, issued_at=None):
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"page": page.pk, "at": issued_at}, salt=SALT)


def check(data, page):
    """`data` is the posted QueryDict of a submission to `page`."""
    if data.get(HONEYPOT_FIELD, ""):
        return caught(page, "honeypot filled")
    try:
        payload = signing.loads(
            data.get(TOKEN_FIELD, ""), salt=SALT, max_age=settings.CARE_FORMS_TOKEN_MAX_AGE
        )
    except signing.SignatureExpired:
        return Verdict.EXPIRED
    except signing.BadSignature:
        return caught(page, "missing or forged timer")
    if not isinstance(payload, dict) or payload.get("page") != page.pk:
        return caught(page, "timer from another form")
    issued_at = payload.get("at")
    if not isinstance(issued_at, int | float):
        return caught(page, "timer without a time")
    if time.time() - issued_at < settings.CARE_FORMS_MIN_FILL_SECONDS:
        return caught(page, "sent too fast")
    return Verdict.HUMAN


def caught(page, reason):
    logger.info("Spam caught on form page %s: %s; nothing stored", page.pk, reason)
    return Verdict.BOT
