"""Entries in Wagtail's audit log (the page's history and the site history report) for every
reading, export and deletion of submissions, every move out of the spam folder, and the work
reviewers do on a submission in the inbox (status, assignee, notes, a draft resource made from
it), by whom. No answer, no note and no email address is written into the log."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.log_actions import LogFormatter, log

from .models import Submission

VIEW = "care_forms.view_submissions"
EXPORT = "care_forms.export_submissions"
DELETE = "care_forms.delete_submissions"
PURGE = "care_forms.purge_submissions"
FORGET = "care_forms.forget_person"
VIEW_SPAM = "care_forms.view_spam"
RELEASE = "care_forms.release_spam"
EMPTY_SPAM = "care_forms.empty_spam"
CHANGE_STATUS = "care_forms.change_status"
ASSIGN = "care_forms.assign"
ADD_NOTE = "care_forms.add_note"
MAKE_RESOURCE = "care_forms.make_resource"

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


def status_label(value):
    try:
        return Submission.Status(value).label
    except ValueError:
        return value


# action: (label in the history filters, message given the entry's data)
WORK_ACTIONS = {
    CHANGE_STATUS: (
        _("Change a submission's status"),
        lambda data: (
            _("Marked submission %(submission)s as %(status)s")
            % {**data, "status": status_label(data["status"])}
        ),
    ),
    ASSIGN: (
        _("Assign a submission"),
        lambda data: (
            _("Assigned submission %(submission)s to %(assignee)s") % data
            if data.get("assignee")
            else _("Left submission %(submission)s unassigned") % data
        ),
    ),
    ADD_NOTE: (
        _("Add a note to a submission"),
        lambda data: _("Added a note to submission %(submission)s") % data,
    ),
    MAKE_RESOURCE: (
        _("Make a draft resource from a suggestion"),
        lambda data: _("Made a draft resource page from submission %(submission)s") % data,
    ),
}


def record(page, action, count, user=None, **data):
    """`user` defaults to the one Wagtail's admin has put in the log context."""
    return log(instance=page, action=action, user=user, data={"count": count, **data})


class CountFormatter(LogFormatter):
    """ "Did this to N submissions"; another app's counted actions give their own `actions`."""

    actions = ACTIONS

    def format_message(self, log_entry):
        count = log_entry.data.get("count", 0)
        message = self.actions[log_entry.action][1](count) % {"count": count}
        if log_entry.data.get("format"):
            message += f" ({log_entry.data['format'].upper()})"
        return message


def record_work(submission, action, user, **data):
    """An entry on the submission's form page about work on one submission."""
    return log(
        instance=submission.page,
        action=action,
        user=user,
        data={"submission": submission.pk, **data},
    )


class WorkFormatter(LogFormatter):
    def format_message(self, log_entry):
        return str(WORK_ACTIONS[log_entry.action][1](log_entry.data))
