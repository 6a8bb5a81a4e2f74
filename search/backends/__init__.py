"""Wagtail's database search backend (`WAGTAILSEARCH_BACKENDS`), with SQLite's full-text search
made to stay fast however large the library grows and to find words in their other forms (see
`search.backends.sqlite`), and PostgreSQL's made to search each page in its own language,
ignoring accents (`search.backends.postgres`). MySQL gets Wagtail's own backend unchanged."""

from django.db import connection, connections
from django.db.models import Exists, IntegerField, OuterRef

from wagtail.search.backends.database import SearchBackend as database_backend

from modelsearch.backends import database as modelsearch_database
from modelsearch.utils import get_content_type_pk


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
    return [pk for pk, _kind in ranked_pks_and_types(results)]


def ranked_pks_and_types(results):
    """(primary key, content type id) of all search `results` in order of relevance, in one
    query where the backend allows it: what the counts per page type and every page of results
    need, from one read of the index."""
    if hasattr(results, "ranked_pks_and_types"):
        return results.ranked_pks_and_types()
    if hasattr(results, "get_queryset"):
        return keys_and_types(results.get_queryset())
    return [(obj.pk, content_type_of(obj)) for obj in results]


def keys_and_types(queryset):
    """(primary key, content type id) of each row of `queryset`, in its order: a page's own
    type, read with it; any other object's, its model's."""
    if has_content_type(queryset.model):
        return list(queryset.values_list("pk", "content_type_id"))
    kind = get_content_type_pk(queryset.model)
    return [(pk, kind) for pk in queryset.values_list("pk", flat=True)]


def content_type_of(obj):
    return obj.content_type_id if has_content_type(type(obj)) else get_content_type_pk(type(obj))


def has_content_type(model):
    """Whether rows of `model` name their own content type (pages do: their specific type)."""
    return any(field.name == "content_type" for field in model._meta.fields)


def has_integer_pk(model):
    """Whether `model`'s primary key is an integer, its own or (a page type's) its parent's."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return isinstance(field, IntegerField)


def searches_every_object(queryset):
    """Whether `queryset` is every object of its model (`Model.objects.all()`): then the objects
    that match are those with a matching index entry of the model's types, and a ranked search
    reads only the index. The library searches so and keeps the keys of its own resources (at
    10,000 resources, a tenth of the search's time went to listing the searched keys)."""
    query = queryset.query
    return not query.where and not query.is_sliced and not query.distinct


def of_searched_objects(entries, queryset):
    """`entries` (index entries with their object's integer key as `object_key`) of the objects
    of `queryset` only, each looked up by its key: every entry of a search of every object
    (`searches_every_object`). Not for a sliced queryset, which Django cannot filter."""
    if searches_every_object(queryset):
        return entries
    return entries.filter(Exists(queryset.order_by().filter(pk=OuterRef("object_key"))))


def fetch_rows(queryset):
    """The rows of a `values_list` queryset of plain numbers as the database gives them: a
    ranked search's thousands of keys each pass through Django's conversions otherwise (at
    10,000 resources, 4 ms of the library's first search for a common word)."""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
