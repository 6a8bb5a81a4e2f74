"""Settings of the `send_announcements` processes the crash test starts and kills: the test
settings, the database the test shares with them (DATABASE_URL), mail to the test's server on
loopback, and a short claim so a restarted sender takes over a dead one's email at once."""

import os

from care_site.settings.test import *  # noqa: F403

EMAIL_BACKEND = "tests.events.smtp_sink.ExitingSMTPBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["CARE_TEST_SMTP_PORT"])
CARE_ANNOUNCEMENT_CLAIM_SECONDS = 1
