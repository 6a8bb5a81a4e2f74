"""An index of the pages shown in menus, by depth, then tree path, on Wagtail's page table.

The site menu is the landing page's children shown in menus (`get_children().in_menu()`: one
depth and a range of tree paths). Wagtail indexes the paths but not the depth, so the range was
read whole: the first view of any page after a change read every page below the landing page
(the 10,000 resources of a large library) to find five sections, 2.1 ms of SQL against 0.05
with this index on SQLite (docs/decisions.md). It is partial, on the pages in menus only, so
that no other query changes plan: with every page's depth indexed, SQLite, which keeps no
statistics, chose that index over better ones (routing 0.3 ms → 4).

Made after every `migrate` rather than by a migration: on SQLite, a Wagtail migration that
alters the page table copies it to a new one with the indexes Wagtail declares, and this one
would be silently lost."""

from django.db import DEFAULT_DB_ALIAS, connections

NAME = "care_page_menu"


def ensure_menu_index(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the index unless it exists; nothing before Wagtail's page table does. Looked for
    first: PostgreSQL refuses even `CREATE INDEX IF NOT EXISTS` on a table with deferred
    constraint checks pending, as in a transaction that has just written pages."""
    connection = connections[using]
    if "wagtailcore_page" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        if NAME in connection.introspection.get_constraints(cursor, "wagtailcore_page"):
            return
        cursor.execute(
            f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "wagtailcore_page" ("depth", "path") '
            'WHERE "show_in_menus"'
        )
