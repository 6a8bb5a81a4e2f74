"""PostgreSQL only: a text search configuration per language that ignores accents, for the
search backend (`search.backends.postgres`). Each is PostgreSQL's own configuration for the
language with the `unaccent` dictionary before its stemmer, so "civica" finds "cívica". Run
`manage.py update_index` afterwards: entries made before keep the configuration they were made
with. Creating the extension needs a role allowed to (a superuser, or the database's owner on
PostgreSQL 13 and later, where `unaccent` is a trusted extension)."""

from django.db import migrations

# name: PostgreSQL's configuration and stemmer it is made from
CONFIGURATIONS = {"care_english": "english", "care_spanish": "spanish"}
# The token types that may carry accents ("asciiword" cannot).
TOKEN_TYPES = "hword, hword_part, word"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {TOKEN_TYPES} "
            f"WITH unaccent, {language}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_editors_see_search_reports")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
