"""Who may read form submissions. Editing a form page is not enough: submissions hold
community members' personal details, so only people with the submission permissions (the
"Submission reviewers" group, and superusers) see them, on every form page."""

REVIEWERS_GROUP = "Submission reviewers"
VIEW_SUBMISSIONS = "care_forms.view_submission"
DELETE_SUBMISSIONS = "care_forms.delete_submission"


def can_review(user):
    return user.is_active and user.has_perm(VIEW_SUBMISSIONS)


def can_delete(user):
    return can_review(user) and user.has_perm(DELETE_SUBMISSIONS)
