"""Who must give a second factor, and the django-otp devices that give it: one authenticator
app (TOTP) and one set of single-use recovery codes per person."""

import base64
import logging
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import django_otp
import qrcode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10


def needs_second_factor(user):
    """Superusers and anyone holding one of CARE_SECOND_FACTOR_PERMISSIONS, through a group
    or directly: the check follows the roles (home/roles.py) without naming any group."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(name) for name in settings.CARE_SECOND_FACTOR_PERMISSIONS)


def authenticator(user, confirmed=True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def pending_authenticator(user):
    """The unconfirmed authenticator the set-up page shows: the same one on every visit until
    it is confirmed, so reloading the page does not void a key already scanned."""
    return authenticator(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def secret_text(device):
    """The key as authenticator apps take it when typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device):
    """The app's set-up address as a QR code, drawn here as inline SVG: the key never leaves
    the server in a request to anyone else, and nothing is loaded from elsewhere."""
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage, box_size=16, border=2)
    return image.to_string(encoding="unicode")


def issue_recovery_codes(user):
    """RECOVERY_CODE_COUNT new codes, replacing any earlier ones; shown once, then only
    their number."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes")
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    logger.info("New recovery codes issued to user %s", user.pk)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def normalise(code):
    """Spaces and hyphens dropped, lower case: codes are shown in groups (`abcd-efgh`)."""
    return "".join(code.split()).replace("-", "").lower()


def check_code(user, code, *, setting_up=False):
    """(device, seconds to wait): the device that accepted `code`, or None. Six digits are
    checked against the authenticator (the unconfirmed one while setting up), anything else
    against the recovery codes, each of which works once. django-otp throttles each device
    (after n wrong codes in a row the next is refused for 2^(n-1) seconds); while it does,
    the code is not checked and the seconds left are returned."""
    code = normalise(code)
    if setting_up or (len(code) == 6 and code.isdigit()):
        device = authenticator(user, confirmed=not setting_up)
    else:
        device = StaticDevice.objects.filter(user=user).first()
    if device is None:
        return None, 0
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until") or timezone.now()
        return None, max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    accepted = django_otp.verify_token(user, device.persistent_id, code)
    if accepted is None:
        # The user, never the code: a near miss in a log would help whoever reads it.
        logger.warning("Wrong second-factor code for user %s", user.pk)
    return accepted, 0


def confirm(device):
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    logger.info("Authenticator app set up for user %s", device.user_id)


def sign_in(request, device):
    """Marks the session as having passed the second step, under a new session key so a
    key known before this step is worth nothing after it."""
    request.session.cycle_key()
    django_otp.login(request, device)
    logger.info("Second factor given by user %s (%s)", request.user.pk, device._meta.model_name)


def forget_devices(user):
    """Deletes every device of `user` (authenticator apps, recovery codes); returns how many.
    Their sessions lose the second step at once (django-otp finds no device behind them)."""
    devices = list(django_otp.devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)
