"""Time to announce a meeting to 5,000 subscribers: making the announcement (its 5,000 pending
deliveries, in bulk), then sending every email over SMTP to a mail server on loopback (aiosmtpd,
a dev dependency), through the same claim-send-mark path as the scheduler's job, in batches of
`--batch` (the sender's own speed; in production `CARE_ANNOUNCEMENT_BATCH` a minute sets the
pace). The subscribers and the announcement are removed afterwards, leaving the dataset as it was.

Run by bench/run.py in a child process with DJANGO_SETTINGS_MODULE=bench.settings and the
database in DATABASE_URL; prints one JSON object."""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.inprocess import setup_django  # noqa: E402

PREFIX = "bench-announcement-"


def measure(subscribers, batch):
    from django.conf import settings
    from django.db import transaction

    from events import announcements
    from events.models import Announcement, EventPage, Subscriber
    from tests.events.smtp_sink import Sink

    event = EventPage.objects.order_by("-start").first()
    if event is None:
        raise SystemExit("The dataset has no meeting to announce.")
    announcements.queue_sending = lambda: None  # the loop below sends
    Subscriber.objects.filter(email__startswith=PREFIX).delete()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"{PREFIX}{n}@example.org",
                language="es" if n % 3 == 0 else "en",
                time_zone="Europe/Madrid" if n % 2 else "",
                status=Subscriber.Status.CONFIRMED,
                token=f"{PREFIX}{n}",
            )
            for n in range(subscribers)
        ),
        batch_size=1000,
    )
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()
    # A sequence no real announcement uses, so the bench never collides with one.
    sequence = 2**31 - 1
    Announcement.objects.filter(event_key=event.translation_key, sequence=sequence).delete()
    with Sink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        started = time.perf_counter()
        with transaction.atomic():
            announcement = announcements.announce(event, Announcement.Kind.REMINDER, sequence)
        queued = time.perf_counter()
        batches = 0
        while announcements.send_batch(batch):
            batches += 1
        sent = time.perf_counter()
        received = len(sink.wait_for(confirmed, timeout=60))
    announcement.delete()
    Subscriber.objects.filter(email__startswith=PREFIX).delete()
    return {
        "subscribers": confirmed,
        "received": received,
        "batch": batch,
        "batches": batches,
        "queue_seconds": round(queued - started, 3),
        "send_seconds": round(sent - queued, 3),
        "emails_per_second": round(received / (sent - queued), 1),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args(argv)
    setup_django()
    print(json.dumps(measure(args.subscribers, args.batch)))


if __name__ == "__main__":
    main()
