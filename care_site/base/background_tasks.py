"""What a background task that sends email does when the mail server fails: on a task backend
that can defer (the database backend in production) it queues itself again with a growing
delay, up to CARE_FORMS_EMAIL_MAX_ATTEMPTS; elsewhere, or after the last attempt, the caller
says what happens instead (a periodic job picks it up, or the person asks again)."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


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
