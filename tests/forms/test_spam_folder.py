"""The spam folder: what the spam checks caught stays out of the form's submissions, exports
and counts, and reviewers find it in a folder of its own, where they release a submission a
person sent (it becomes new, its emails go out, the audit log says who) or empty the folder."""

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from forms import spam
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.forms.test_submissions_admin import body_of, csv_rows, submissions_url, xlsx_rows
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db
SPAM_URL = reverse("care_forms_spam")


@pytest.fixture
def mixed_form(client, contact_form):
    """One person's submission and one caught by the honeypot (a person's answers too)."""
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    caught = filled(contact_form, {**VALID_ANSWERS, "your_name": "Autofilled Person"})
    caught[spam.HONEYPOT_FIELD] = "https://example.org"
    client.post(contact_form.url, caught)
    assert Submission.objects.count() == 2
    return contact_form


@pytest.fixture
def signed_in_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def test_spam_is_not_listed_exported_or_counted_with_the_submissions(
    signed_in_reviewer, mixed_form
):
    client = signed_in_reviewer
    listing = visible_text(client.get(submissions_url(mixed_form)))
    assert "Ada Lovelace" in listing
    assert "Autofilled Person" not in listing

    exported = csv_rows(client.get(submissions_url(mixed_form), {"export": "csv"}))
    assert len(exported) == 2  # the heading and Ada
    assert "Autofilled Person" not in str(exported)
    workbook = xlsx_rows(client.get(submissions_url(mixed_form), {"export": "xlsx"}))
    assert len(workbook) == 2
    assert mixed_form.get_submissions().count() == 1


def test_the_edit_view_counts_no_spam(admin_client, mixed_form):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[mixed_form.pk]))
    assert "Total submissions 1 " in " ".join(visible_text(edit).split())


def test_a_reviewer_reads_the_spam_folder_with_reasons(signed_in_reviewer, mixed_form):
    home = signed_in_reviewer.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{SPAM_URL}"' in home  # in the menu
    response = signed_in_reviewer.get(SPAM_URL)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Autofilled Person" in text
    assert "Ada Lovelace" not in text
    assert "the hidden trap field was filled in" in text
    entry = PageLogEntry.objects.get(action="care_forms.view_spam")
    assert (entry.page_id, entry.data["count"]) == (mixed_form.pk, 1)


def test_people_who_cannot_read_submissions_cannot_read_the_spam_folder(client, editor, mixed_form):
    caught = Submission.objects.get(status=Submission.Status.SPAM)
    release = reverse("care_forms_release_spam", args=[caught.pk])
    empty = reverse("care_forms_empty_spam")
    assert client.get(SPAM_URL).status_code == 302  # to the sign-in page
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{SPAM_URL}"' not in home
    # Wagtail's admin answers "permission denied" with a redirect to the dashboard.
    for response in (client.get(SPAM_URL), client.post(release), client.post(empty)):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Submission.objects.get(pk=caught.pk).status == Submission.Status.SPAM
    assert Submission.objects.count() == 2


def test_releasing_makes_it_new_sends_its_emails_and_is_audited(
    signed_in_reviewer, reviewer, mixed_form, mailoutbox, django_capture_on_commit_callbacks
):
    caught = Submission.objects.get(status=Submission.Status.SPAM)
    assert caught.email_status == Submission.EmailStatus.NONE
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_reviewer.post(reverse("care_forms_release_spam", args=[caught.pk]))
    assert response.status_code == 302
    caught.refresh_from_db()
    assert caught.status == Submission.Status.NEW
    assert caught.email_status == Submission.EmailStatus.SENT
    [notice] = mailoutbox
    assert notice.to == ["staff@care.example.org"]
    listing = visible_text(signed_in_reviewer.get(submissions_url(mixed_form)))
    assert "Autofilled Person" in listing
    entry = PageLogEntry.objects.get(action="care_forms.release_spam")
    assert (entry.page_id, entry.user_id, entry.data["count"]) == (mixed_form.pk, reviewer.pk, 1)
    # Releasing it again finds nothing to release.
    signed_in_reviewer.post(reverse("care_forms_release_spam", args=[caught.pk]))
    assert PageLogEntry.objects.filter(action="care_forms.release_spam").count() == 1


def test_a_released_submission_gives_up_a_token_spent_since(signed_in_reviewer, contact_form):
    """A replay caught as spam shares the first submission's token: releasing it must not
    break the constraint that keeps tokens single-use."""
    data = filled(contact_form, VALID_ANSWERS)
    signed_in_reviewer.post(contact_form.url, data)
    signed_in_reviewer.post(contact_form.url, data)
    replay = Submission.objects.get(status=Submission.Status.SPAM)
    response = signed_in_reviewer.post(reverse("care_forms_release_spam", args=[replay.pk]))
    assert response.status_code == 302
    assert Submission.objects.filter(status=Submission.Status.NEW).count() == 2


def test_emptying_the_folder_deletes_spam_only_and_is_audited(
    signed_in_reviewer, reviewer, mixed_form, admin_client
):
    confirm = signed_in_reviewer.get(reverse("care_forms_empty_spam"))
    assert "Delete 1 submission caught as spam" in visible_text(confirm)
    response = signed_in_reviewer.post(reverse("care_forms_empty_spam"))
    assert response.status_code == 302
    assert list(Submission.objects.values_list("status", flat=True)) == ["new"]
    entry = PageLogEntry.objects.get(action="care_forms.empty_spam")
    assert (entry.page_id, entry.user_id, entry.data["count"]) == (mixed_form.pk, reviewer.pk, 1)
    assert "Deleted 1 submission from the spam folder" in visible_text(
        admin_client.get(reverse("wagtailadmin_pages:history", args=[mixed_form.pk]))
    )


def test_emptying_needs_the_delete_permission(client, reviewer, mixed_form):
    from django.contrib.auth.models import Permission

    reviewer.groups.clear()
    reviewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
    )
    client.force_login(reviewer)
    assert client.get(SPAM_URL).status_code == 200
    refused = client.post(reverse("care_forms_empty_spam"))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Submission.objects.count() == 2


def test_the_spam_folder_shows_an_answer_as_text(signed_in_reviewer, contact_form):
    data = filled(contact_form, {**VALID_ANSWERS, "message": "<script>alert(1)</script>"})
    data[spam.HONEYPOT_FIELD] = "x"
    signed_in_reviewer.post(contact_form.url, data)
    body = body_of(signed_in_reviewer.get(SPAM_URL)).decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
