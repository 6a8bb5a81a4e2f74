"""The announcements of one meeting in the admin, for whoever may edit it: per announcement, how
many emails were sent, failed or are still waiting; and, for whoever may publish it, a button
that sends the failed ones again (recorded in the meeting's history). Reached from the "More"
menu of the meeting's edit view."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wagtail.log_actions import log

from . import announcements
from .models import Announcement, EventPage

RESEND_ACTION = "events.resend_announcement"


def editable_event(request, page_id):
    """The meeting and the user's permissions on it, if they may edit it."""
    event = get_object_or_404(EventPage, pk=page_id)
    permissions = event.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    return event, permissions


def report(request, page_id):
    event, permissions = editable_event(request, page_id)
    return TemplateResponse(
        request,
        "events/admin/announcements.html",
        {
            "event": event,
            "announcements": announcements.announcements_of(event),
            "can_resend": permissions.can_publish(),
            "header_title": _("Announcements: %(title)s") % {"title": event.title},
            "page_title": _("Announcements"),
            "page_subtitle": event.get_admin_display_title(),
            "header_icon": "mail",
        },
    )


@require_POST
def resend_failed(request, page_id, announcement_id):
    event, permissions = editable_event(request, page_id)
    if not permissions.can_publish():
        raise PermissionDenied
    announcement = get_object_or_404(
        Announcement, pk=announcement_id, event_key=event.translation_key
    )
    count = announcements.resend_failed(announcement)
    if count:
        log(
            instance=event,
            action=RESEND_ACTION,
            user=request.user,
            data={"announcement": announcement.pk, "kind": announcement.kind, "count": count},
        )
    messages.success(
        request,
        ngettext(
            "%(count)s email will be sent again.",
            "%(count)s emails will be sent again.",
            count,
        )
        % {"count": count},
    )
    return redirect(reverse("events_announcements", args=[event.pk]))
