"""Wagtail's database search backend (`WAGTAILSEARCH_BACKENDS`), with SQLite's full-text search
made to stay fast however large the library grows (see `search.backends.sqlite`). PostgreSQL
and MySQL get Wagtail's own backends unchanged."""

from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    backend = database_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        # Imported here: the module defines its models' SQL only when the database is SQLite.
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
