"""Queries for pages of one type, written so that SQLite starts from that type's own rows.

SQLite keeps no statistics for its planner (Django never runs `ANALYZE`), so it cannot know
that a language holds thousands of pages, nor that a section of the tree holds a few. Given a
language it starts from the index of every page in it; given a section (Wagtail's tree paths,
matched with a `LIKE` its index cannot answer as Django writes it) it reads the whole page
table. Asked for the page type's own keys in a subquery, it starts from those instead.
PostgreSQL plans from statistics, and a subquery over every row of a type costs it more, so
there a query is left as written."""

from django.db import connections


def own_rows_first(queryset, **conditions):
    """`queryset` (pages, or terms, of one type) among that type's rows matching
    `conditions`, asked for first on SQLite."""
    if connections[queryset.db].vendor != "sqlite":
        return queryset.filter(**conditions)
    own = queryset.model._default_manager.filter(**conditions).values("pk")
    return queryset.filter(pk__in=own)
