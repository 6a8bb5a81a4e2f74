from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from . import audit, inbox, views
from .permissions import can_review


@hooks.register("filter_form_submissions_for_user")
def only_submission_reviewers(user, editable_forms):
    """Every form page for reviewers, whether or not they may edit it; none for anyone
    else."""
    if not can_review(user):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    for action, (label, _message) in audit.ACTIONS.items():
        formatter = type("Formatter", (audit.CountFormatter,), {"label": label})
        actions.register_action(action)(formatter)
    for action, (label, _message) in audit.WORK_ACTIONS.items():
        formatter = type("Formatter", (audit.WorkFormatter,), {"label": label})
        actions.register_action(action)(formatter)


@hooks.register("register_permissions")
def register_submission_permissions():
    return Permission.objects.filter(
        content_type__app_label="care_forms", codename__in=["view_submission", "delete_submission"]
    )


# Registered before wagtail.contrib.forms' own URLs, so these paths resolve to our views while
# every `wagtailforms:` URL name keeps working.
@hooks.register("register_admin_urls", order=-1)
def register_form_admin_urls():
    return [
        path("forms/", views.FormPagesListView.as_view(), name="care_forms_index"),
        path(
            "forms/results/",
            views.FormPagesListView.as_view(results_only=True),
            name="care_forms_index_results",
        ),
        path(
            "forms/submissions/<int:page_id>/delete/",
            views.DeleteSubmissionsView.as_view(),
            name="care_forms_delete_submissions",
        ),
        path("forms/spam/", views.SpamFolderView.as_view(), name="care_forms_spam"),
        path(
            "forms/spam/<int:submission_id>/release/",
            views.ReleaseSpamView.as_view(),
            name="care_forms_release_spam",
        ),
        path("forms/spam/empty/", views.EmptySpamView.as_view(), name="care_forms_empty_spam"),
        path("forms/inbox/", inbox.InboxView.as_view(), name="care_forms_inbox"),
        path(
            "forms/inbox/<int:submission_id>/",
            inbox.SubmissionView.as_view(),
            name="care_forms_inbox_submission",
        ),
        path(
            "forms/inbox/<int:submission_id>/update/",
            inbox.UpdateSubmissionView.as_view(),
            name="care_forms_inbox_update",
        ),
        path(
            "forms/inbox/<int:submission_id>/note/",
            inbox.AddNoteView.as_view(),
            name="care_forms_inbox_note",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    # Just before Wagtail's "Forms" (order 700).
    return inbox.ReviewersMenuItem(
        _("Submissions inbox"), reverse("care_forms_inbox"), icon_name="mail", order=699
    )


@hooks.register("register_admin_menu_item")
def register_spam_folder_menu_item():
    # Just after Wagtail's "Forms" (order 700).
    return inbox.ReviewersMenuItem(
        _("Spam folder"), reverse("care_forms_spam"), icon_name="warning", order=701
    )
