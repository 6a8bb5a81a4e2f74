"""Who may read form submissions. Editing a form page is not enough: submissions hold
community members' personal details, so only people with the submission permissions (the
"Submission reviewers" group, and superusers) see them, on every form page."""

from wagtail.contrib.forms.utils import get_form_types

import swapper

REVIEWERS_GROUP = "Submission reviewers"
VIEW_SUBMISSIONS = "care_forms.view_submission"
DELETE_SUBMISSIONS = "care_forms.delete_submission"


def can_review(user):
    return user.is_active and user.has_perm(VIEW_SUBMISSIONS)


def can_delete(user):
    return can_review(user) and user.has_perm(DELETE_SUBMISSIONS)


def forms_for_user(user, editable_forms):
    """The `filter_form_submissions_for_user` hook: every form page for reviewers, whether or
    not they may edit it; none for anyone else."""
    if not can_review(user):
        return editable_forms.none()
    page_model = swapper.load_model("wagtailcore", "Page")
    return page_model.objects.filter(content_type__in=get_form_types())
