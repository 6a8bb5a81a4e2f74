"""Queries for pages of one type, written so that each database's planner starts well.

SQLite keeps no statistics for its planner (Django never runs `ANALYZE`), so it cannot know
that a language holds thousands of pages, nor that a section of the tree holds a few. Given a
language it starts from the index of every page in it; given a section (Wagtail's tree paths,
matched with a `LIKE` its index cannot answer as Django writes it) it reads the whole page
table. Asked for the page type's own keys in a subquery, it starts from those instead.

PostgreSQL plans from statistics, and a subquery over every row of a type costs it more, so
there a query is left as written, except a section's listing (`shown_children`). Joining a
type's rows to a section of the page tree, it merges the two in key order and expects to stop
at the type's highest key; the type's rows in other sections (the other language's partners)
keep it reading every page after that, filtered by path: 4 to 6 ms a query at 10,000
resources, for the 206 pages of the partner directory. Given the section's keys first, read
once as an array, it reads a few hundred rows (docs/decisions.md)."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import BooleanField, F, Func

from wagtail.models import Page


def own_rows_first(queryset, **conditions):
    """`queryset` (pages, or terms, of one type) among that type's rows matching
    `conditions`, asked for first on SQLite."""
    if connections[queryset.db].vendor != "sqlite":
        return queryset.filter(**conditions)
    own = queryset.model._default_manager.filter(**conditions).values("pk")
    return queryset.filter(pk__in=own)


class AmongArray(Func):
    """`expression = ANY(ARRAY(subquery))`: PostgreSQL runs the subquery once, before the rest
    of the query, where an `IN (subquery)` is folded into a join it plans as any other."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def shown_children(parent, model):
    """The live, public children of `parent` that are pages of `model`: a section's listing."""

    def shown(queryset):
        return queryset.child_of(parent).live().public()

    manager = model._default_manager
    if connections[manager.db].vendor != "postgresql":
        return own_rows_first(shown(manager))
    section = shown(Page.objects).values("pk")
    return manager.filter(AmongArray(F("pk"), ArraySubquery(section)))
