"""Moderators add, change and delete meeting series (home/roles.py)."""

from django.db import migrations

from home.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0017_image_alt_in_page_language"),
        ("events", "0005_meeting_series"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
