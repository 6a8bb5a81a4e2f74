"""Queueing background tasks (django_tasks) from a request or a save, and trying an email again.

Queueing must never fail what queued it (a visitor's submission, an editor's publication): a
task that cannot be queued is logged, and a periodic job or a later request picks the work up.
When the mail server fails, a task that sends email queues itself again with a growing delay on
a backend that can defer (the database backend in production), up to
CARE_FORMS_EMAIL_MAX_ATTEMPTS; elsewhere, or after the last attempt, the caller says what happens
instead."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def queue_or_log(task, *args, what):
    """Queue `task(*args)`; if the task backend refuses, log it (as "Could not queue `what`")."""
    try:
        task.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s", what)


def try_again_later(task, attempt, *args, what):
    """Queue `task(*args, attempt + 1)` after a delay that doubles with each attempt; return
    whether it was queued. Called from the `except` block of the failed attempt."""
    if attempt >= settings.CARE_FORMS_EMAIL_MAX_ATTEMPTS or not task.get_backend().supports_defer:
        return False
    delay = settings.CARE_FORMS_EMAIL_RETRY_SECONDS * 2 ** (attempt - 1)
    logger.warning(
        "%s failed (attempt %s); trying again in %s s", what, attempt, delay, exc_info=True
    )
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    task.using(run_after=run_after).enqueue(*args, attempt + 1)
    return True
