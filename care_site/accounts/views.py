"""The second step of signing in to the admin: set up an authenticator app, give a code from
it (or a recovery code), and get new recovery codes. Pages showing a secret are never stored
by a browser or proxy (`never_cache` sends `no-store`); codes are kept out of error reports."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from django_otp.plugins.otp_static.models import StaticDevice

from . import second_factor
from .forms import CodeForm

WRONG_CODE = _("That code is not right. Type the newest code your app shows, or a recovery code.")
VERIFY_HELP = _(
    "The 6-digit code your authenticator app shows for CARE now, or one of your recovery codes."
)
SETUP_HELP = _("The 6-digit code your authenticator app shows for CARE after you added it.")


def next_url(request):
    """Where the person was going, if it is on this site; otherwise the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def refuse(form, wait_seconds):
    message = WRONG_CODE
    if wait_seconds:
        message = ngettext(
            "Too many wrong codes in a row. Wait %(seconds)d second, then try again.",
            "Too many wrong codes in a row. Wait %(seconds)d seconds, then try again.",
            wait_seconds,
        ) % {"seconds": wait_seconds}
    # Above the form, where Wagtail's sign-in page shows its errors (it hides field errors).
    form.add_error(None, message)


def recovery_codes_issued(request, codes, continue_url):
    return TemplateResponse(
        request,
        "accounts/recovery_codes_issued.html",
        {"codes": [f"{code[:4]}-{code[4:]}" for code in codes], "continue_url": continue_url},
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if user.is_verified() or not second_factor.needs_second_factor(user):
        return redirect(next_url(request))
    if second_factor.authenticator(user) is None:
        return redirect(f"{reverse('second_factor_setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None, help_text=VERIFY_HELP)
    if form.is_valid():
        device, wait_seconds = second_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            second_factor.sign_in(request, device)
            if isinstance(device, StaticDevice):
                left = second_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(left)d is left. Get new ones under "
                        "Account → More actions → Recovery codes.",
                        "You used a recovery code: %(left)d are left. Get new ones under "
                        "Account → More actions → Recovery codes.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url(request))
        refuse(form, wait_seconds)
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    if not second_factor.needs_second_factor(user):
        return redirect(next_url(request))
    if second_factor.authenticator(user) is not None:
        # Replacing a confirmed app takes an operator (`reset_second_factor`): a password
        # alone must never be enough to enrol a new phone.
        return redirect(f"{reverse('second_factor_verify')}?{request.GET.urlencode()}")
    device = second_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None, help_text=SETUP_HELP)
    if form.is_valid():
        accepted, wait_seconds = second_factor.check_code(
            user, form.cleaned_data["code"], setting_up=True
        )
        if accepted is not None:
            second_factor.confirm(accepted)
            codes = second_factor.issue_recovery_codes(user)
            second_factor.sign_in(request, accepted)
            return recovery_codes_issued(request, codes, next_url(request))
        refuse(form, wait_seconds)
    return TemplateResponse(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.secret_text(device),
        },
    )


@never_cache
def recovery_codes(request):
    """How many recovery codes are left; a POST replaces them with new ones, shown once."""
    user = request.user
    if not second_factor.needs_second_factor(user):
        return redirect("wagtailadmin_account")
    if request.method == "POST":
        codes = second_factor.issue_recovery_codes(user)
        return recovery_codes_issued(request, codes, reverse("wagtailadmin_account"))
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {
            "left": second_factor.recovery_codes_left(user),
            "page_title": _("Recovery codes"),
            "header_icon": "key",
        },
    )
