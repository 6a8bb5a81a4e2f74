"""The periodic jobs: each runs once per period, however many scheduler processes claim it at
the same moment; a failing job is recorded and runs again next period; every job of the
default schedule is a real management command."""

import io
import logging
from unittest import mock

from django.core.management import call_command, get_commands

import pytest

from care_site.base import scheduler
from care_site.base.models import ScheduledJob

pytestmark = pytest.mark.django_db
SCHEDULE = {
    "often": {"command": ["often"], "every": 60},
    "daily": {"command": ["daily", "--flag"], "every": 86_400},
}
NOON = 1_780_000_000 - 1_780_000_000 % 86_400 + 43_200  # a day's 12:00 UTC


@pytest.fixture
def commands_run():
    """Every command the scheduler runs, instead of running it."""
    with mock.patch.object(scheduler, "call_command") as call:
        yield call


def runs(call):
    return [tuple(c.args) for c in call.call_args_list]


def test_two_schedulers_at_the_same_moment_run_each_job_once(commands_run):
    first = scheduler.run_due(SCHEDULE, now=NOON)
    second = scheduler.run_due(SCHEDULE, now=NOON + 1)
    assert first == ["often", "daily"]
    assert second == []
    assert runs(commands_run) == [("often",), ("daily", "--flag")]
    job = ScheduledJob.objects.get(name="daily")
    assert job.succeeded is True and job.finished_at >= job.started_at


def test_each_period_runs_once(commands_run):
    for second in range(0, 180, 5):  # three minutes of ticks, from two schedulers
        scheduler.run_due(SCHEDULE, now=NOON + second)
        scheduler.run_due(SCHEDULE, now=NOON + second)
    assert runs(commands_run).count(("often",)) == 3
    assert runs(commands_run).count(("daily", "--flag")) == 1
    scheduler.run_due(SCHEDULE, now=NOON + 86_400)
    assert runs(commands_run).count(("daily", "--flag")) == 2


def test_a_claim_is_one_conditional_update():
    """What two processes race on: only one UPDATE can move the period."""
    assert scheduler.claim("often", 60, now=NOON) is True
    assert scheduler.claim("often", 60, now=NOON) is False
    assert ScheduledJob.objects.get(name="often").period == NOON // 60


def test_a_failing_job_is_logged_recorded_and_tried_next_period(commands_run, caplog):
    commands_run.side_effect = [RuntimeError("link checker broke"), None]
    with caplog.at_level(logging.ERROR, logger="care_site.base.scheduler"):
        scheduler.run_due({"often": SCHEDULE["often"]}, now=NOON)
    assert "Scheduled job often failed" in caplog.text
    assert ScheduledJob.objects.get(name="often").succeeded is False
    scheduler.run_due({"often": SCHEDULE["often"]}, now=NOON + 60)
    assert ScheduledJob.objects.get(name="often").succeeded is True


def test_every_job_of_the_schedule_is_a_management_command(settings):
    commands = get_commands()
    assert set(settings.CARE_SCHEDULE) == {
        "send_form_emails",
        "publish_scheduled",
        "send_announcements",
        "purge_submissions",
        "purge_subscribers",
        "check_resource_links",
        "generate_meetings",
        "keep_library_indexes",
    }
    for job in settings.CARE_SCHEDULE.values():
        assert job["command"][0] in commands, job
    every = {name: job["every"] for name, job in settings.CARE_SCHEDULE.items()}
    assert every == {
        "send_form_emails": 900,
        "publish_scheduled": 60,
        "send_announcements": 60,
        "purge_submissions": 86_400,
        "purge_subscribers": 86_400,
        "check_resource_links": 604_800,
        "generate_meetings": 86_400,
        "keep_library_indexes": 60,
    }


def test_run_scheduler_once_runs_what_is_due(settings):
    settings.CARE_SCHEDULE = {"purge": {"command": ["purge_submissions"], "every": 86_400}}
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)
    assert output.getvalue().strip() == "Ran 1 job(s): purge."
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)
    assert output.getvalue().strip() == "Ran 0 job(s): none due."
