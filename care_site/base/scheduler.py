"""The periodic jobs (`CARE_SCHEDULE`: retries of form emails, scheduled publishing, retention,
link checks), run by the `scheduler` process of the Procfile (`manage.py run_scheduler`).

Time is cut into periods of each job's `every` seconds, counted from the Unix epoch. Before
running a job, a scheduler claims the current period with one conditional UPDATE (`period`
older than the current one → the current one); only one process can see that UPDATE change a
row, on SQLite and PostgreSQL alike, so running two schedulers (say, one per machine) never
runs a job twice in a period. A period missed while no scheduler ran is not made up: the job
runs once, in the current one. A failing job is logged and tried again next period."""

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger(__name__)


def claim(name, every, now=None):
    """Whether this process is the one to run job `name` in the current period."""
    current = int((time.time() if now is None else now) // every)
    ScheduledJob.objects.get_or_create(name=name)
    due = Q(period__isnull=True) | Q(period__lt=current)
    return (
        ScheduledJob.objects.filter(due, name=name).update(
            period=current, started_at=timezone.now(), finished_at=None, succeeded=None
        )
        == 1
    )


def run_job(name, job):
    started = time.monotonic()
    try:
        call_command(*job["command"])
    except Exception:
        logger.exception("Scheduled job %s failed", name)
        succeeded = False
    else:
        succeeded = True
    ScheduledJob.objects.filter(name=name).update(finished_at=timezone.now(), succeeded=succeeded)
    logger.info(
        "Scheduled job %s %s in %.1f s",
        name,
        "done" if succeeded else "failed",
        time.monotonic() - started,
    )
    return succeeded


def run_due(schedule=None, now=None):
    """Run every job whose current period no process has claimed yet; return their names."""
    schedule = settings.CARE_SCHEDULE if schedule is None else schedule
    ran = []
    for name, job in schedule.items():
        if claim(name, job["every"], now):
            run_job(name, job)
            ran.append(name)
    return ran


def run_forever(tick=5.0):
    """The loop: every `tick` seconds, run what is due. SIGTERM or SIGINT stops it once the job
    in hand has ended."""
    stopping = threading.Event()

    def stop(signum, frame):
        logger.info("Scheduler stopping")
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("Scheduler started: %s", ", ".join(settings.CARE_SCHEDULE))
    while not stopping.is_set():
        # A database that restarted between ticks costs one tick, not the process.
        close_old_connections()
        try:
            run_due()
        except Exception:
            logger.exception("Scheduler could not read or claim its jobs")
        stopping.wait(tick)
