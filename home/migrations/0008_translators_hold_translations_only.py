"""The Translators' page rights move from every language's landing page to those of the
languages other than English, so they no longer edit the English originals (home/roles.py)."""

from django.db import migrations

from home.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("home", "0007_help_text_on_landing_page")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
