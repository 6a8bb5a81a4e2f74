"""Small helpers shared by the test modules."""

import io
import json
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections
from django.test import TestCase

from bs4 import BeautifulSoup


def collapse(text):
    """`text` with every run of whitespace (including non-breaking spaces) made one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def soup(response_or_html):
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    return BeautifulSoup(html, "html.parser")


def writes(captured_queries):
    """The statements among `captured_queries` (CaptureQueriesContext's) that change data."""
    return [
        query["sql"]
        for query in captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


INLINE_TAGS = ["a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span"]
INLINE_TAGS += ["strong", "sub", "sup", "time", "u"]


def visible_text(response_or_html):
    """The text a visitor reads: tags, scripts and styles dropped, whitespace collapsed.
    Inline elements join their neighbours ("<b>law</b>." reads "law."); block elements are
    separated by a space."""
    document = soup(response_or_html)
    for hidden in document(["script", "style", "template"]):
        hidden.decompose()
    for inline in document(INLINE_TAGS):
        inline.unwrap()
    document.smooth()
    return collapse(document.get_text(" "))


def run_seed_demo(**options):
    """Run `seed_demo` as `manage.py` would. There its transaction commits and the work deferred
    to `transaction.on_commit` runs (Wagtail and wagtail-localize defer some publishing and
    indexing that way); tests never commit, so run those callbacks ourselves."""
    options.setdefault("stdout", io.StringIO())
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", **options)


def snapshot_databases():
    """Every test database's rows, for `restore_databases` after a test that commits."""
    return {alias: connections[alias].creation.serialize_db_to_string() for alias in connections}


def restore_databases(snapshot):
    """Put back the rows of `snapshot_databases`, and move each table's id sequence past them,
    so rows made afterwards never reuse their ids (PostgreSQL keeps sequences apart from the
    rows; SQLite needs nothing)."""
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, stdout=io.StringIO()
    )
    models = apps.get_models(include_auto_created=True)
    for alias, data in snapshot.items():
        connection = connections[alias]
        connection.creation.deserialize_db_from_string(data)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    # Content types made by a rolled-back test may be cached under ids other rows now hold.
    ContentType.objects.clear_cache()


def json_ld_blocks(response):
    """Every JSON-LD block of the page, parsed as a search engine would."""
    scripts = soup(response).find_all("script", attrs={"type": "application/ld+json"})
    return [json.loads(script.string) for script in scripts]


def page_json_ld(response):
    """The page's own JSON-LD block (every page below the landing page also carries its
    BreadcrumbList)."""
    [block] = [data for data in json_ld_blocks(response) if data["@type"] != "BreadcrumbList"]
    return block


def make_landing_page():
    """A HomePage replacing Wagtail's welcome page as the default Site's root."""
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory

    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    # The welcome page holds the slug "home"; free it, then delete it once the Site has moved.
    welcome.slug = "wagtail-welcome"
    welcome.save(update_fields=["slug"])
    home = HomePageFactory(parent=Page.get_first_root_node())
    site.root_page = home
    site.save()
    welcome.delete()
    return home


def parse_csp(header):
    """A Content-Security-Policy header as directive → list of sources."""
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def query_plan(sql, params=()):
    """SQLite's plan for `sql`: one line per step ("SEARCH …", "SCAN …")."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]
