"""The site as `make serve` runs it (honcho and the Procfile: gunicorn, two workers, two
schedulers) with production settings, against a mail server on loopback that accepts
connections and does not answer. The visitor's post is answered at once, since mail is the
worker's business; once the mail server answers, each email is sent exactly once, though two
workers and a duplicate task compete for it; nothing crashes; and the two schedulers run a
daily job once between them.

It needs PostgreSQL: the processes share the test database, and SQLite's is in memory. CI runs
the suite on PostgreSQL as well."""

import os
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import override_settings

import pytest

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import Submission
from forms.tasks import send_submission_emails
from loadtest.client import SiteClient, form_fields
from loadtest.servers import ROOT, ProcessGroup, production_env
from tests.helpers import make_landing_page, restore_databases, snapshot_databases
from tests.production.conftest import database_url
from tests.production.smtp import SilentThenAnsweringSMTP

pytestmark = pytest.mark.django_db

PORT = 8303
THANKS = "We have received your message."
MESSAGE = "Please add me to the peer learning list."
DATABASE_TASKS = {**settings.TASKS, "care_forms": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"{what} within {timeout} s"
        time.sleep(0.2)
    return result


def healthy(url):
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def honcho(env, concurrency, log_path):
    """`honcho start` on the Procfile, as `make serve` runs it, without the proxy: this test
    talks to gunicorn (test_documented_setup.py has the proxy)."""
    argv = [str(Path(sys.executable).parent / "honcho"), "start", "--no-prefix", "-f", "Procfile"]
    argv += ["--env", os.devnull, "--concurrency", concurrency, "web", "worker", "scheduler"]
    return ProcessGroup(argv, ROOT, env, log_path)


@pytest.fixture(scope="module")
def run(postgresql, django_db_blocker, collected_static, tmp_path_factory):
    """The whole story, told once outside any test transaction (the processes must see what
    it commits); the tests below read what happened. Afterwards the database gets its first
    rows back."""
    work = tmp_path_factory.mktemp("honcho")
    smtp = SilentThenAnsweringSMTP()
    with django_db_blocker.unblock():
        initial = snapshot_databases()
        home = make_landing_page()
        form = FormPageFactory(
            parent=home,
            slug="join",
            thank_you_text=f"<p>Thank you. {THANKS}</p>",
            to_address="staff@care.example.org",
            from_address="noreply@care.example.org",
            confirmation_text="Thank you for writing to CARE.",
        )
        FormFieldFactory(page=form, label="Email", field_type="email", sort_order=0)
        FormFieldFactory(page=form, label="Message", field_type="multiline", sort_order=1)
        env = production_env(
            DJANGO_SECRET_KEY=settings.SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=database_url(connection.settings_dict),
            STATIC_ROOT=collected_static,
            MEDIA_ROOT=work / "media",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp.port,
            CARE_FORMS_EMAIL_RETRY_SECONDS=2,
            LOG_LEVEL="INFO",
            GUNICORN_BIND=f"127.0.0.1:{PORT}",
            GUNICORN_WORKERS=2,
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        )
        site = honcho(env, "web=1,worker=2,scheduler=2", work / "honcho.log").start()
        story = {"site": site, "smtp": smtp}
        try:
            url = f"http://127.0.0.1:{PORT}"
            wait_for(lambda: healthy(url) or not site.running(), 60, "the site starts")
            assert site.running(), site.log()[-5000:]
            client = SiteClient(url)
            _action, fields = form_fields(client.get(form.url).body, "form[method=post i]")
            time.sleep(settings.CARE_FORMS_MIN_FILL_SECONDS + 0.2)  # a person fills it in

            started = time.monotonic()
            answers = {"email": "ada@example.org", "message": MESSAGE, "care_consent": "on"}
            story["reply"] = client.post(form.url, {**fields, **answers})
            story["post_seconds"] = time.monotonic() - started
            started = time.monotonic()
            story["page_status"] = client.get(home.url).status
            story["page_seconds"] = time.monotonic() - started

            submission = Submission.objects.get(page=form)
            story["submission_id"] = submission.pk
            # A second task for the same submission, so both workers compete for it.
            with override_settings(TASKS=DATABASE_TASKS):
                send_submission_emails.enqueue(submission.pk)

            # The first try gives up after EMAIL_TIMEOUT (5 s) of silence and is retried.
            wait_for(
                lambda: Submission.objects.get(pk=submission.pk).email_attempts >= 1,
                20,
                "a send gives up on a silent mail server",
            )
            story["held_connections"] = smtp.connections
            smtp.answer()
            wait_for(lambda: len(smtp.message_ids()) >= 2, 40, "the emails are sent")
            # Time for any retry or duplicate task still queued to run (and send nothing).
            time.sleep(6)
            story["submission"] = Submission.objects.get(pk=submission.pk)
            story["running"] = site.running() and healthy(url)
            yield story
        finally:
            site.stop()
            smtp.close()
            restore_databases(initial)


def test_the_visitors_post_is_answered_at_once_while_mail_is_silent(run):
    assert run["reply"].status == 200
    assert THANKS in run["reply"].body
    assert run["post_seconds"] < 2
    assert run["page_status"] == 200
    assert run["page_seconds"] < 2
    assert run["held_connections"] >= 1  # a worker was waiting on the silent server


def test_each_email_is_sent_exactly_once_when_the_mail_server_answers(run):
    pk = run["submission_id"]
    assert sorted(run["smtp"].message_ids()) == [
        f"<care-submission-{pk}-confirmation@care.example.org>",
        f"<care-submission-{pk}-staff@care.example.org>",
    ]
    submission = run["submission"]
    assert submission.email_status == Submission.EmailStatus.SENT
    assert submission.notified_at and submission.confirmation_sent_at
    assert submission.email_claimed_at is None
    assert submission.form_data["message"] == MESSAGE


def test_nothing_crashed(run):
    log = run["site"].log()
    assert run["running"], log[-5000:]
    # honcho reports any process of the Procfile that ends.
    assert "exited with code" not in log, log[-5000:]


def test_two_schedulers_run_a_daily_job_once(run):
    log = run["site"].log()
    assert log.count("Scheduled job purge_submissions done") == 1, log[-5000:]
    assert log.count("Scheduled job check_resource_links") == 1
