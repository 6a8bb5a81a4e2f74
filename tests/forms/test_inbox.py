"""The submissions inbox, used as reviewers use it: every form's submissions in every language,
filtered by status, form, language and assignee; a submission opened, assigned, noted and marked
done, each step in the audit log; a resource suggestion made into a draft resource page in one
action. Only reviewers reach any of it, and notes go when their submission is deleted."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page, PageLogEntry

import pytest

from forms import audit, retention
from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import Submission, SubmissionNote
from partners.factories import PartnerPageFactory
from resources.models import ResourcePage
from tests.helpers import soup as soup_of
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db
INBOX = reverse("care_forms_inbox")


def url(name, submission):
    return reverse(name, args=[submission.pk])


def opened(submission):
    return url("care_forms_inbox_submission", submission)


@pytest.fixture
def suggestion_form(home_page):
    form = FormPageFactory(parent=home_page, title="Suggest a resource", slug="suggest")
    questions = [
        ("Your email", "email", ""),
        ("Resource title", "singleline", "title"),
        ("Link to the resource", "url", "external_url"),
        ("Who published it?", "singleline", "publisher"),
        ("Why it matters", "multiline", "summary"),
    ]
    for order, (label, kind, fills) in enumerate(questions):
        FormFieldFactory(
            page=form,
            label=label,
            field_type=kind,
            required=False,
            sort_order=order,
            fills_resource=fills,
        )
    return form


def suggest(form, **answers):
    data = {
        "your_email": "ada@example.org",
        "resource_title": "Equity  in  zoning",
        "link_to_the_resource": "https://example.org/zoning",
        "who_published_it": "",
        "why_it_matters": "Shows how zoning shapes health.",
    }
    return Submission.objects.create(page=form, form_data={**data, **answers}, language="en")


@pytest.fixture
def received(contact_form, suggestion_form):
    """Four submissions across two forms and two languages, one of them spam."""
    return {
        "english": Submission.objects.create(
            page=contact_form, form_data={"message": "Hello"}, language="en"
        ),
        "spanish": Submission.objects.create(
            page=contact_form, form_data={"message": "Hola"}, language="es"
        ),
        "suggestion": suggest(suggestion_form),
        "spam": Submission.objects.create(
            page=contact_form, form_data={"message": "Buy"}, status=Submission.Status.SPAM
        ),
    }


@pytest.fixture
def reviewer_editor(reviewer, home_page):
    """A reviewer who may also add and edit pages (communications staff often are both)."""
    for codename in ("add_page", "change_page"):
        group = reviewer.groups.get()
        GroupPagePermission.objects.get_or_create(
            group=group, page=home_page, permission=Permission.objects.get(codename=codename)
        )
    return reviewer


def listed(response):
    return set(response.context["submissions"])


# Who may use it ----------------------------------------------------------------------------


def test_only_reviewers_reach_the_inbox(client, editor, reviewer, received):
    submission = received["english"]
    addresses = [INBOX, opened(submission)]
    posts = {
        url("care_forms_inbox_update", submission): {"status": "done", "assignee": ""},
        url("care_forms_inbox_note", submission): {"text": "Called back"},
        url("inbox_make_resource", received["suggestion"]): {},
    }
    for address in addresses:
        assert client.get(address).status_code == 302  # to the login page
    client.force_login(editor)
    # Wagtail's admin turns a refusal into a way back to the dashboard, saying why.
    for address in addresses:
        assert client.get(address).url == reverse("wagtailadmin_home")
    for address, data in posts.items():
        assert client.post(address, data).url == reverse("wagtailadmin_home")
    assert "Submissions inbox" not in client.get(reverse("wagtailadmin_home")).content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEW
    assert not SubmissionNote.objects.exists()
    assert not ResourcePage.objects.exists()

    client.force_login(reviewer)
    assert "Submissions inbox" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(INBOX).status_code == 200


# The list ------------------------------------------------------------------------------------


def test_the_inbox_lists_open_submissions_of_every_form_and_language_but_spam(
    client, reviewer, received
):
    received["english"].status = Submission.Status.DONE
    received["english"].save()
    client.force_login(reviewer)
    response = client.get(INBOX)
    assert listed(response) == {received["spanish"], received["suggestion"]}
    text = visible_text(response)
    assert "2 new" in text and "1 in the spam folder" in text
    assert "Suggest a resource" in text and "Connect with us" in text

    assert listed(client.get(INBOX, {"status": "all"})) == {
        received["english"],
        received["spanish"],
        received["suggestion"],
    }
    assert listed(client.get(INBOX, {"status": "done"})) == {received["english"]}


def test_filters_by_form_language_and_assignee(client, reviewer, received, suggestion_form):
    received["spanish"].assignee = reviewer
    received["spanish"].save()
    client.force_login(reviewer)
    form_key = str(suggestion_form.translation_key)
    assert listed(client.get(INBOX, {"form": form_key})) == {received["suggestion"]}
    assert listed(client.get(INBOX, {"language": "es"})) == {received["spanish"]}
    assert listed(client.get(INBOX, {"assignee": "me"})) == {received["spanish"]}
    assert listed(client.get(INBOX, {"assignee": str(reviewer.pk)})) == {received["spanish"]}
    assert listed(client.get(INBOX, {"assignee": "nobody"})) == {
        received["english"],
        received["suggestion"],
    }
    assert "1 open and assigned to you" in visible_text(client.get(INBOX))


@pytest.mark.parametrize(
    "query",
    [
        {"status": "spam"},
        {"status": "<script>"},
        {"form": "not-a-uuid"},
        {"language": "xx" * 50},
        {"assignee": "99999999999999999999999"},
        {"p": "-1"},
        {"p": "abc"},
    ],
)
def test_hostile_filters_are_ignored_not_a_500(client, reviewer, received, query):
    client.force_login(reviewer)
    response = client.get(INBOX, query)
    assert response.status_code == 200
    assert received["spam"] not in listed(response)


# One submission --------------------------------------------------------------------------


def test_opening_a_submission_shows_its_answers_under_their_questions_and_is_logged(
    client, reviewer, received, contact_form
):
    client.force_login(reviewer)
    response = client.get(opened(received["spanish"]))
    text = visible_text(response)
    assert "Message" in text and "Hola" in text
    assert "in Spanish" in text
    entry = PageLogEntry.objects.get(action=audit.VIEW)
    assert entry.page_id == contact_form.pk and entry.user == reviewer


def test_status_and_assignee_are_saved_and_in_the_audit_history(
    client, reviewer, received, django_user_model
):
    submission = received["english"]
    client.force_login(reviewer)
    response = client.post(
        url("care_forms_inbox_update", submission),
        {"status": "in_progress", "assignee": str(reviewer.pk)},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.IN_PROGRESS
    assert submission.assignee == reviewer
    client.post(url("care_forms_inbox_update", submission), {"status": "done", "assignee": ""})
    submission.refresh_from_db()
    assert (submission.status, submission.assignee) == (Submission.Status.DONE, None)

    history = PageLogEntry.objects.filter(data__submission=submission.pk).order_by("pk")
    assert [(entry.action, entry.user) for entry in history] == [
        (audit.CHANGE_STATUS, reviewer),
        (audit.ASSIGN, reviewer),
        (audit.CHANGE_STATUS, reviewer),
        (audit.ASSIGN, reviewer),
    ]
    assert [entry.message for entry in history][:2] == [
        f"Marked submission {submission.pk} as in progress",
        f"Assigned submission {submission.pk} to reviewer",
    ]
    page_history = visible_text(client.get(opened(submission)))
    assert f"Marked submission {submission.pk} as done" in page_history

    # Only a reviewer can be given a submission.
    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "pw")
    client.post(
        url("care_forms_inbox_update", submission),
        {"status": "new", "assignee": str(outsider.pk)},
    )
    submission.refresh_from_db()
    assert (submission.status, submission.assignee) == (Submission.Status.DONE, None)


def test_marking_spam_moves_it_to_the_spam_folder(client, reviewer, received):
    submission = received["english"]
    client.force_login(reviewer)
    response = client.post(
        url("care_forms_inbox_update", submission), {"status": "spam", "assignee": ""}
    )
    assert response.url == INBOX
    assert submission not in listed(client.get(INBOX, {"status": "all"}))
    assert "Hello" in visible_text(client.get(reverse("care_forms_spam")))


def test_notes_are_kept_with_their_author_and_logged_without_their_text(client, reviewer, received):
    submission = received["english"]
    client.force_login(reviewer)
    client.post(url("care_forms_inbox_note", submission), {"text": "Replied by phone to Ada"})
    note = SubmissionNote.objects.get()
    assert (note.submission, note.author, note.text) == (
        submission,
        reviewer,
        "Replied by phone to Ada",
    )
    assert "Replied by phone to Ada" in visible_text(client.get(opened(submission)))
    entry = PageLogEntry.objects.get(action=audit.ADD_NOTE)
    assert "Ada" not in str(entry.data) and entry.user == reviewer

    response = client.post(url("care_forms_inbox_note", submission), {"text": "  "})
    assert response.status_code == 400
    assert "This field is required" in visible_text(response)
    assert SubmissionNote.objects.count() == 1
    rows = {row: row.note_count for row in client.get(INBOX).context["submissions"]}
    assert rows[submission] == 1


# A suggestion becomes a draft resource ---------------------------------------------------


def test_a_suggestion_becomes_a_prefilled_draft_resource_linked_back(
    client, reviewer_editor, suggestion_form, resource_index, partner_index
):
    partner = PartnerPageFactory(parent=partner_index, title="Network for Public Health Law")
    submission = suggest(suggestion_form, who_published_it="network for  PUBLIC health law ")
    client.force_login(reviewer_editor)
    assert "Make a draft resource page" in visible_text(client.get(opened(submission)))

    response = client.post(url("inbox_make_resource", submission))
    resource = ResourcePage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[resource.pk])
    assert not resource.live and resource.get_parent().specific == resource_index
    assert resource.title == "Equity in zoning"
    assert resource.external_url == "https://example.org/zoning"
    assert resource.summary == "Shows how zoning shapes health."
    assert (resource.publisher_page, resource.publisher_name) == (partner, "")
    assert resource.latest_revision is not None
    submission.refresh_from_db()
    assert submission.draft_resource == resource
    assert submission.status == Submission.Status.IN_PROGRESS
    assert PageLogEntry.objects.filter(
        action=audit.MAKE_RESOURCE, data__submission=submission.pk, user=reviewer_editor
    ).exists()

    # The editor finishes it from there; the submission links to it; a second click makes
    # no second page.
    assert client.get(response.url).status_code == 200
    assert "Equity in zoning" in visible_text(client.get(opened(submission)))
    client.post(url("inbox_make_resource", submission))
    assert ResourcePage.objects.count() == 1


def test_an_unknown_publisher_is_kept_as_text_and_a_bad_link_left_out(
    client, reviewer_editor, suggestion_form, resource_index
):
    submission = suggest(
        suggestion_form,
        who_published_it="County Health Office",
        link_to_the_resource="javascript:alert(1)",
        resource_title="Equity in zoning",
    )
    suggest(suggestion_form)  # the same title again: the page gets a free address
    client.force_login(reviewer_editor)
    client.post(url("inbox_make_resource", submission))
    resource = ResourcePage.objects.get()
    assert (resource.publisher_page, resource.publisher_name) == (None, "County Health Office")
    assert resource.external_url == ""
    other = Submission.objects.exclude(pk=submission.pk).get(page=suggestion_form)
    client.post(url("inbox_make_resource", other))
    assert sorted(ResourcePage.objects.values_list("slug", flat=True)) == [
        "equity-in-zoning",
        "equity-in-zoning-1",
    ]


def test_a_reviewer_who_may_not_add_pages_makes_no_resource(
    client, reviewer, suggestion_form, resource_index
):
    submission = suggest(suggestion_form)
    client.force_login(reviewer)
    text = visible_text(client.get(opened(submission)))
    assert "An editor who may add pages to the library" in text
    client.post(url("inbox_make_resource", submission))
    assert not ResourcePage.objects.exists()


def test_a_message_that_is_no_suggestion_offers_no_resource(
    client, reviewer_editor, received, resource_index
):
    client.force_login(reviewer_editor)
    assert "Resource suggestion" not in visible_text(client.get(opened(received["english"])))
    client.post(url("inbox_make_resource", received["english"]))
    assert not ResourcePage.objects.exists()


# Notes go with their submission -------------------------------------------------------------


def test_retention_and_forgetting_delete_notes_with_their_submissions(
    reviewer, contact_form, settings
):
    kept = Submission.objects.create(page=contact_form, form_data={"email": "kim@example.org"})
    forgotten = Submission.objects.create(page=contact_form, form_data={"email": "ada@example.org"})
    for submission in (kept, forgotten):
        submission.notes.create(author=reviewer, text="Replied")
    retention.forget("ADA@example.org")
    assert list(SubmissionNote.objects.values_list("submission", flat=True)) == [kept.pk]

    Submission.objects.filter(pk=kept.pk).update(submit_time="2000-01-01T00:00:00Z")
    retention.purge_expired()
    assert not SubmissionNote.objects.exists()
    assert Page.objects.filter(pk=contact_form.pk).exists()


def test_older_submissions_are_a_page_away_with_the_same_filters(client, reviewer, contact_form):
    Submission.objects.bulk_create(
        Submission(page=contact_form, form_data={"message": f"m{n}"}, language="es")
        for n in range(51)
    )
    client.force_login(reviewer)
    page = soup_of(client.get(INBOX, {"language": "es"}))
    older = page.find("a", string="Older")["href"]
    assert "language=es" in older and "p=2" in older
    assert len(client.get(INBOX + older).context["submissions"]) == 1
