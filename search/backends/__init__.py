"""Wagtail's database search backend (`WAGTAILSEARCH_BACKENDS`), with SQLite's full-text search
made to stay fast however large the library grows and to find words in their other forms (see
`search.backends.sqlite`), and PostgreSQL's made to search each page in its own language,
ignoring accents (`search.backends.postgres`). MySQL gets Wagtail's own backend unchanged."""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_backend

from modelsearch.backends import database as modelsearch_database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    if connection.vendor == "postgresql":
        from .postgres import LanguagePostgresSearchBackend

        return LanguagePostgresSearchBackend(params)
    backend = database_backend(params)
    # The database backend has just decided whether this SQLite has full-text search (FTS5).
    if connection.vendor == "sqlite" and modelsearch_database.USE_SQLITE_FTS:
        # Imported here: modelsearch defines its full-text models only on SQLite.
        from .sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend


def ranked_pks(results):
    """The primary keys of all search `results` in order of relevance, in one query where the
    backend allows it."""
    if hasattr(results, "ranked_pks"):
        return results.ranked_pks()
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return [obj.pk for obj in results]


def ranked_pks_and_types(results):
    """(primary key, content type id) of all search `results` in order of relevance, in one
    query where the backend allows it: what the counts per page type and every page of results
    need, from one read of the index."""
    if hasattr(results, "ranked_pks_and_types"):
        return results.ranked_pks_and_types()
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", "content_type_id"))
    return [(obj.pk, obj.content_type_id) for obj in results]
