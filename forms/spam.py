"""Spam defence without outside services: a honeypot field people never see, and a timer
carried in a signed, single-use token, so a bot can neither skip it, forge a fill time nor send
one token twice. A wagtail-honeypot style bare timestamp can be posted as `0`; a signed one
cannot.

Nothing caught here is thrown away: the page stores the answers with the status *spam* and the
reason, for reviewers to release or delete (the spam folder). Only a form sent faster than a
person can is refused, and the visitor is told so and keeps what they typed."""

import dataclasses
import logging
import secrets
import time

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The trap's name, id and label match no autofill token (name, email, url, website...), so a
# browser or password manager never fills it in for a person.
HONEYPOT_FIELD = "care_trap"
TOKEN_FIELD = "care_token"  # noqa: S105 (a form field name, not a secret)
SALT = "care_forms.spam.timer"


class Reason(models.TextChoices):
    """Why a submission is in the spam folder, as reviewers read it."""

    HONEYPOT = "honeypot", _("the hidden trap field was filled in")
    TOKEN_MISSING = "token_missing", _("the form's timer was missing")
    TOKEN_FORGED = "token_forged", _("the form's timer was forged or from another form")
    TOKEN_EXPIRED = "token_expired", _("the form had been open for more than a day")
    TOKEN_REPLAYED = "token_replayed", _("the form's timer had already been used")


@dataclasses.dataclass(frozen=True)
class Verdict:
    """`reason` set: spam. `too_fast`: sent sooner than a person can; ask to send again.
    `nonce`: the token's single-use number, spent when the submission is stored."""

    reason: str = ""
    too_fast: bool = False
    nonce: str = ""


def make_token(page, issued_at=None):
    issued_at = time.time() if issued_at is None else issued_at
    nonce = secrets.token_urlsafe(12)
    return signing.dumps({"page": page.pk, "at": issued_at, "n": nonce}, salt=SALT)


def check(data, page):
    """`data` is the posted QueryDict of a submission to `page`. Whether the token was already
    spent is for the database to say, atomically, when the submission is stored."""
    if data.get(HONEYPOT_FIELD, ""):
        return caught(page, Reason.HONEYPOT)
    token = data.get(TOKEN_FIELD, "")
    if not token:
        return caught(page, Reason.TOKEN_MISSING)
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.CARE_FORMS_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return caught(page, Reason.TOKEN_EXPIRED)
    except signing.BadSignature:
        return caught(page, Reason.TOKEN_FORGED)
    if not isinstance(payload, dict) or payload.get("page") != page.pk:
        return caught(page, Reason.TOKEN_FORGED)
    issued_at, nonce = payload.get("at"), payload.get("n")
    if not isinstance(issued_at, int | float) or not isinstance(nonce, str) or not nonce:
        return caught(page, Reason.TOKEN_FORGED)
    if time.time() - issued_at < settings.CARE_FORMS_MIN_FILL_SECONDS:
        return Verdict(too_fast=True, nonce=nonce)
    return Verdict(nonce=nonce)


def caught(page, reason):
    logger.info("Spam caught on form page %s: %s; kept in the spam folder", page.pk, reason)
    return Verdict(reason=reason)
