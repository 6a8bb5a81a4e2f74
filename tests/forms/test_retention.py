"""Privacy: answers are deleted when their form's retention period is over, and every answer a
person sent is deleted when they ask; both say how many, log it, and can be tried dry."""

import datetime
import io
import logging

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from forms.factories import FormPageFactory
from forms.models import Submission


def submission(page, days_old, **answers):
    made = Submission.objects.create(page=page, form_data=answers, language="en")
    Submission.objects.filter(pk=made.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=days_old)
    )
    return made


def run(*args):
    output = io.StringIO()
    call_command(*args, stdout=output)
    return output.getvalue()


@pytest.fixture
def forms(home_page, settings):
    settings.CARE_FORMS_DEFAULT_RETENTION_DAYS = 365
    standard = FormPageFactory(parent=home_page, slug="standard", title="Standard")
    short = FormPageFactory(parent=home_page, slug="short", title="Short", retention_days=30)
    return standard, short


@pytest.mark.django_db
def test_purge_deletes_only_what_is_past_each_forms_period(forms, caplog):
    standard, short = forms
    old_standard = submission(standard, 400)
    kept_standard = submission(standard, 300)
    old_short = submission(short, 31)
    kept_short = submission(short, 29)
    with caplog.at_level(logging.INFO, logger="forms.retention"):
        output = run("purge_submissions")
    remaining = set(Submission.objects.values_list("pk", flat=True))
    assert remaining == {kept_standard.pk, kept_short.pk}
    assert old_standard.pk not in remaining and old_short.pk not in remaining
    assert "Deleted 1 submission(s) of “Standard”" in output
    assert "Deleted 2 submission(s) in all." in output
    assert "2 submission(s) past their retention period on 2 form(s)" in caplog.text
    entries = PageLogEntry.objects.filter(action="care_forms.purge_submissions")
    assert sorted((e.page_id, e.data["count"], e.data["days"]) for e in entries) == sorted(
        [(standard.pk, 1, 365), (short.pk, 1, 30)]
    )
    # Running it again (the daily cron job) finds nothing more.
    assert "Deleted 0 submission(s) in all." in run("purge_submissions")


@pytest.mark.django_db
def test_purge_dry_run_deletes_nothing(forms):
    standard, _short = forms
    submission(standard, 400)
    output = run("purge_submissions", "--dry-run")
    assert "Would delete 1 submission(s) in all." in output
    assert Submission.objects.count() == 1
    assert not PageLogEntry.objects.filter(action="care_forms.purge_submissions").exists()


@pytest.mark.django_db
def test_forget_person_deletes_their_answers_in_every_form(forms, caplog):
    standard, short = forms
    submission(standard, 1, email="Ada@Example.org", name="Ada")
    submission(short, 2, contact=" ada@example.org ", name="Ada again")
    submission(short, 3, emails=["x@example.org", "ada@example.org"])
    kept = [
        submission(standard, 1, email="grace@example.org"),
        submission(standard, 1, email="ada@example.org.evil"),
        submission(standard, 1, message="write to ada@example.org please"),
    ]
    with caplog.at_level(logging.INFO, logger="forms.retention"):
        output = run("forget_person", "--email", "ADA@example.org")
    assert set(Submission.objects.values_list("pk", flat=True)) == {s.pk for s in kept}
    assert "Deleted 3 submission(s) in all." in output
    assert "forget_person: 3 submission(s) on 2 form(s)" in caplog.text
    assert "ada@example.org" not in caplog.text.lower()
    entries = PageLogEntry.objects.filter(action="care_forms.forget_person")
    assert sorted((e.page_id, e.data["count"]) for e in entries) == sorted(
        [(standard.pk, 1), (short.pk, 2)]
    )
    assert all("ada" not in str(e.data).lower() for e in entries)


@pytest.mark.django_db
def test_forget_person_dry_run_and_bad_addresses(forms):
    standard, _short = forms
    submission(standard, 1, email="ada@example.org")
    assert "Would delete 1 submission(s) in all." in run(
        "forget_person", "--email", "ada@example.org", "--dry-run"
    )
    assert Submission.objects.count() == 1
    with pytest.raises(CommandError):
        run("forget_person", "--email", "not an address")


@pytest.mark.django_db
def test_forget_person_finds_addresses_beyond_ascii(forms):
    standard, _short = forms
    submission(standard, 1, email="ada@exämple.org")
    assert "Deleted 1 submission(s) in all." in run("forget_person", "--email", "ADA@EXÄMPLE.org")
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_purge_deletes_spam_past_the_period_too(forms):
    standard, _short = forms
    old_spam = submission(standard, 400)
    kept_spam = submission(standard, 10)
    Submission.objects.update(status=Submission.Status.SPAM, spam_reason="honeypot")
    run("purge_submissions")
    remaining = set(Submission.objects.values_list("pk", flat=True))
    assert remaining == {kept_spam.pk}
    assert old_spam.pk not in remaining
