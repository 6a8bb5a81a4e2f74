"""Editors and Moderators may send the pages they edit for translation (home/roles.py)."""

from django.db import migrations

from home.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("home", "0015_report_form_setting")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
