from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from . import views
from .second_factor import needs_second_factor


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("second-step/", views.verify, name="second_factor_verify"),
        path("second-step/set-up/", views.setup, name="second_factor_setup"),
        path(
            "second-step/recovery-codes/",
            views.recovery_codes,
            name="second_factor_recovery_codes",
        ),
    ]


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    if needs_second_factor(request.user):
        return {
            "url": reverse("second_factor_recovery_codes"),
            "label": _("Recovery codes"),
            "help_text": _("See how many recovery codes you have left, or get new ones."),
        }
    return None
