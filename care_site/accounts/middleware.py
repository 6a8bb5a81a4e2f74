"""Sends staff who must give a second factor (second_factor.needs_second_factor) to set it up
or give it before any other admin page. Place it right after django-otp's OTPMiddleware,
which itself comes after Django's AuthenticationMiddleware."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import authenticator, needs_second_factor

# Admin URLs that must open before the second step: the step's own pages, signing in and out,
# and what every admin page loads (the icon sprite, the JavaScript translations).
OPEN_BEFORE_SECOND_STEP = frozenset(
    {
        "second_factor_verify",
        "second_factor_setup",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
    }
)


class RequireSecondFactor:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.CARE_SECOND_FACTOR_REQUIRED:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_STEP:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not needs_second_factor(user):
            return None
        step = "second_factor_verify" if authenticator(user) else "second_factor_setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
