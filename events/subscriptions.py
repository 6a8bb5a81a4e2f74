"""Meeting subscriptions without an account: the links in every email a subscriber gets carry
their token, and these pages let its owner confirm, manage or end the subscription.

A link in an email never acts on GET: mail scanners open links before the person does, so
GET shows a button and only the POST it sends changes anything. The one exception is the
RFC 8058 one-click unsubscribe, which mail clients send as a POST without a form of ours.

An unknown, malformed or used-up token gets the plain 404 page: the answer never tells
whether an address is subscribed."""

import re

from django import forms as django_forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from care_site.base.public_address import absolute_url

from .models import Subscriber
from .subscribers import confirm_subscriber, unsubscribe_subscriber
from .time_zones import time_zone_choices

app_name = "subscriptions"

# Tokens are `secrets.token_urlsafe(32)` (43 characters); anything much longer is refused in
# the URL pattern itself, before any query.
TOKEN_MAX_LENGTH = 64
TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9_-]+")


def _link(name, subscriber):
    """The absolute address of one of the token pages, in the subscriber's language."""
    return absolute_url(_local_path(name, subscriber))


def confirm_url(subscriber):
    return _link("confirm", subscriber)


def manage_url(subscriber):
    """Where the subscriber chooses a time zone or ends the subscription (every email links it)."""
    return _link("manage", subscriber)


def unsubscribe_url(subscriber):
    """The one-click unsubscribe address, for the List-Unsubscribe header and the email's footer."""
    return _link("unsubscribe", subscriber)


def list_unsubscribe_headers(subscriber):
    """The RFC 2369 / RFC 8058 headers that let mail clients offer their own unsubscribe button."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# The pages ----------------------------------------------------------------------------------


def _subscriber(token, *statuses):
    """The subscriber holding `token` in one of `statuses`, or the 404 page for anything else,
    so a guessed, malformed or spent token looks like any missing page."""
    if len(token) > TOKEN_MAX_LENGTH or not TOKEN_CHARACTERS.fullmatch(token):
        raise Http404
    subscriber = Subscriber.objects.filter(token=token, status__in=statuses).first()
    if subscriber is None:
        raise Http404
    return subscriber


def _render(request, name, subscriber, **context):
    response = TemplateResponse(
        request, f"events/subscriptions/{name}.html", {"subscriber": subscriber, **context}
    )
    # Pages behind a personal token are nobody else's: never cached, never indexed, and the
    # token never leaks to another site through the Referer header.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET asks; the button's POST confirms. A link followed again after confirming leads to
    the subscription's own page; one from before an unsubscription leads nowhere (registering
    again is the way back)."""
    subscriber = _subscriber(token, Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return redirect(_local_path("manage", subscriber))
    if request.method == "POST":
        confirm_subscriber(subscriber)
        return _render(request, "confirmed", subscriber)
    return _render(request, "confirm", subscriber)


class TimeZoneForm(django_forms.Form):
    time_zone = django_forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_("Meeting times in our emails are also given in this zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", _("Only the meeting's own time zone")),
            *time_zone_choices().items(),
        ]


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The subscription's own page: the time zone emails use, and the way out. Before
    confirming, the confirmation page stands in for it."""
    subscriber = _subscriber(token, *Subscriber.Status.values)
    if subscriber.status == Subscriber.Status.PENDING:
        return redirect(_local_path("confirm", subscriber))
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _render(request, "unsubscribed", subscriber)
    saved = False
    form = TimeZoneForm(request.POST or None, initial={"time_zone": subscriber.time_zone})
    if request.method == "POST" and form.is_valid():
        subscriber.time_zone = form.cleaned_data["time_zone"]
        subscriber.save(update_fields=["time_zone"])
        saved = True
    return _render(
        request,
        "manage",
        subscriber,
        form=form,
        saved=saved,
        unsubscribe_action=_local_path("unsubscribe", subscriber),
    )


# Mail clients send the RFC 8058 one-click POST without any form of ours, so it cannot carry a
# CSRF token; it changes nothing but ending the token holder's own subscription. The page's own
# button sends the same body.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = _subscriber(token, *Subscriber.Status.values)
    if request.method == "POST" and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        if request.POST.get("List-Unsubscribe") != "One-Click":
            raise Http404
        unsubscribe_subscriber(subscriber)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _render(request, "unsubscribed", subscriber)
    return _render(request, "unsubscribe", subscriber)


def _local_path(name, subscriber):
    """The path of one of the token pages, in the subscriber's language."""
    with translation.override(subscriber.language or None):
        return reverse(f"subscriptions:{name}", args=[subscriber.token])


urlpatterns = [
    path("confirm/<str:token>/", confirm, name="confirm"),
    path("manage/<str:token>/", manage, name="manage"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
