"""Prints, as JSON, the versions and the dataset a benchmark run measured (run by run.py with the
run's DATABASE_URL)."""

import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection

    import wagtail

    from events.models import EventPage
    from partners.models import PartnerPage
    from resources.models import ResourcePage

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        database_version = cursor.fetchone()[0]
    json.dump(
        {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": f"{connection.vendor} {database_version}",
            "resources": ResourcePage.objects.count(),
            "partners": PartnerPage.objects.count(),
            "events": EventPage.objects.count(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
