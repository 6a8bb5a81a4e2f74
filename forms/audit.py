"""Entries in Wagtail's audit log (the page's history and the site history report) for every
reading, export and deletion of submissions, and every move out of the spam folder, by whom and
how many. No answer and no email
address is written into the log."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.log_actions import LogFormatter, log

VIEW = "care_forms.view_submissions"
EXPORT = "care_forms.export_submissions"
DELETE = "care_forms.delete_submissions"
PURGE = "care_forms.purge_submissions"
FORGET = "care_forms.forget_person"
VIEW_SPAM = "care_forms.view_spam"
RELEASE = "care_forms.release_spam"
EMPTY_SPAM = "care_forms.empty_spam"

# action: (label in the history filters, message for `count` submissions)
ACTIONS = {
    VIEW: (
        _("View submissions"),
        lambda n: ngettext("Viewed %(count)d submission", "Viewed %(count)d submissions", n),
    ),
    EXPORT: (
        _("Export submissions"),
        lambda n: ngettext("Exported %(count)d submission", "Exported %(count)d submissions", n),
    ),
    DELETE: (
        _("Delete submissions"),
        lambda n: ngettext("Deleted %(count)d submission", "Deleted %(count)d submissions", n),
    ),
    PURGE: (
        _("Delete expired submissions"),
        lambda n: ngettext(
            "Deleted %(count)d submission past the retention period",
            "Deleted %(count)d submissions past the retention period",
            n,
        ),
    ),
    FORGET: (
        _("Erase a person's submissions"),
        lambda n: ngettext(
            "Deleted %(count)d submission at a person's request",
            "Deleted %(count)d submissions at a person's request",
            n,
        ),
    ),
    VIEW_SPAM: (
        _("View spam"),
        lambda n: ngettext(
            "Viewed %(count)d submission in the spam folder",
            "Viewed %(count)d submissions in the spam folder",
            n,
        ),
    ),
    RELEASE: (
        _("Release from spam"),
        lambda n: ngettext(
            "Moved %(count)d submission out of the spam folder",
            "Moved %(count)d submissions out of the spam folder",
            n,
        ),
    ),
    EMPTY_SPAM: (
        _("Empty the spam folder"),
        lambda n: ngettext(
            "Deleted %(count)d submission from the spam folder",
            "Deleted %(count)d submissions from the spam folder",
            n,
        ),
    ),
}


def record(page, action, count, user=None, **data):
    """`user` defaults to the one Wagtail's admin has put in the log context."""
    return log(instance=page, action=action, user=user, data={"count": count, **data})


class CountFormatter(LogFormatter):
    def format_message(self, log_entry):
        count = log_entry.data.get("count", 0)
        message = ACTIONS[log_entry.action][1](count) % {"count": count}
        if log_entry.data.get("format"):
            message += f" ({log_entry.data['format'].upper()})"
        return message
