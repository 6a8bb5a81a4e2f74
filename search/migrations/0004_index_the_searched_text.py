"""PostgreSQL only: an index on what a search matches. Wagtail's PostgreSQL backend matches a
query against an entry's title and body joined, `(title || body) @@ query`; Wagtail indexes the
title and the body apart, which that expression cannot use, so every search read the whole
index table (about 20 ms at 10,000 resources, docs/decisions.md). This GIN index is on the
expression itself."""

from django.db import migrations

INDEX = "care_indexentry_text_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_text_search_configurations"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
