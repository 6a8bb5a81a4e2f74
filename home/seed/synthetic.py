"""Synthetic pages for benchmarks (`seed_demo --resources N`): N resources, with
partners and meetings in proportion, added next to the demo content in bulk.

Creating a Wagtail page one `add_child` at a time costs a dozen queries and a search-index
update; 10,000 of them would take many minutes. Here each kind of page is written with a few
multi-row inserts: the tree paths are computed the way treebeard computes them, the `Page` rows
are inserted with `bulk_create`, then the rows of the page type's own table. The pages are live
and have no revision history (editing one in the admin starts it). Running it again adds only
the numbers still missing. Bulk inserts send no signals, so the caches are told afterwards."""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from care_site.base import cache
from events.models import EventIndexPage, EventPage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage, ResourceType, Topic

BATCH = 500
RESOURCES_PER_PARTNER = 50
RESOURCES_PER_EVENT = 20
SUBJECTS = [
    "community health worker programs",
    "equity in budgeting",
    "data disaggregation by race and ethnicity",
    "housing and health",
    "anti-racist hiring practices",
    "health impact assessments",
    "language access",
    "environmental justice",
    "community engagement in policy making",
    "paid sick leave",
    "food access",
    "voting access and health",
]
DEMO_NOTE = "Synthetic demo content for benchmarks; not a real {kind}."


@dataclass
class Added:
    resources: int = 0
    partners: int = 0
    events: int = 0
    pages: dict = field(default_factory=dict)  # {model: [primary keys]}, for the search index

    @property
    def total(self):
        return self.resources + self.partners + self.events


def english_index(model):
    index = model.objects.filter(locale__language_code="en").order_by("path").first()
    if index is None:
        raise LookupError(f"No English {model.__name__}: the demo content must be seeded first.")
    return index


def add_children(parent, model, instances):
    """Insert `instances` (unsaved, of `model`, slugs and fields set) as the last children of
    `parent`, live, in bulk. Returns them with their primary keys."""
    if not instances:
        return []
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    bases = []
    for number, page in enumerate(instances, start=step + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        base = Page(**{field.attname: getattr(page, field.attname) for field in local(Page)})
        bases.append(base)
    Page.objects.bulk_create(bases, batch_size=BATCH)
    for page, base in zip(instances, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    fields = model._meta.local_concrete_fields  # with the link to the Page row
    for start in range(0, len(instances), BATCH):
        model._base_manager._insert(
            instances[start : start + BATCH], fields=fields, using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(instances))
    return instances


def local(model):
    """The columns of `model`'s own table but its primary key."""
    return [field for field in model._meta.local_concrete_fields if not field.primary_key]


class SyntheticSeeder:
    """`resources` resources numbered from 1, and by default one partner per
    RESOURCES_PER_PARTNER and one meeting per RESOURCES_PER_EVENT of them."""

    def __init__(self, resources, seed=2023, *, partners=None, events=None):
        self.wanted = resources
        self.partners_wanted = resources // RESOURCES_PER_PARTNER if partners is None else partners
        self.events_wanted = resources // RESOURCES_PER_EVENT if events is None else events
        self.random = random.Random(seed)

    def run(self):
        added = self.added = Added()
        with transaction.atomic():
            self.topics = list(Topic.objects.filter(locale__language_code="en"))
            self.types = list(ResourceType.objects.filter(locale__language_code="en"))
            added.partners = self.add_partners(self.partners_wanted)
            added.resources = self.add_resources(self.wanted)
            added.events = self.add_events(self.events_wanted)
        forget_cached_content()
        return added

    def record(self, model, pages):
        self.added.pages.setdefault(model, []).extend(page.pk for page in pages)
        return len(pages)

    def missing(self, parent, model, prefix, wanted):
        existing = set(
            model.objects.child_of(parent)
            .filter(slug__startswith=prefix)
            .values_list("slug", flat=True)
        )
        return [n for n in range(1, wanted + 1) if f"{prefix}{n}" not in existing]

    def add_partners(self, wanted):
        index = english_index(PartnerIndexPage)
        pages = [
            PartnerPage(
                title=f"Synthetic partner {n}",
                slug=f"synthetic-partner-{n}",
                summary=DEMO_NOTE.format(kind="partner"),
                website=f"https://example.org/synthetic-partner-{n}",
            )
            for n in self.missing(index, PartnerPage, "synthetic-partner-", wanted)
        ]
        add_children(index, PartnerPage, pages)
        through = PartnerPage.focus_areas.through
        through.objects.bulk_create(
            [
                through(partnerpage_id=page.pk, topic_id=topic.pk)
                for page in pages
                for topic in self.random.sample(self.topics, k=min(2, len(self.topics)))
            ],
            batch_size=BATCH,
        )
        self.partners = list(PartnerPage.objects.child_of(index).values_list("pk", flat=True))
        return self.record(PartnerPage, pages)

    def add_resources(self, wanted):
        library = english_index(ResourceIndexPage)
        first_day = datetime.date(2010, 1, 1)
        pages = []
        for n in self.missing(library, ResourcePage, "synthetic-resource-", wanted):
            subject = self.random.choice(SUBJECTS)
            pages.append(
                ResourcePage(
                    title=f"Synthetic resource {n}: {subject}",
                    slug=f"synthetic-resource-{n}",
                    summary=f"A resource about {subject}. " + DEMO_NOTE.format(kind="resource"),
                    external_url=f"https://example.org/synthetic-resource-{n}",
                    publisher_page_id=self.random.choice(self.partners),
                    publication_date=first_day
                    + datetime.timedelta(days=self.random.randrange(15 * 365)),
                    resource_type_id=self.random.choice(self.types).pk,
                )
            )
        add_children(library, ResourcePage, pages)
        through = ResourcePage.topics.through
        through.objects.bulk_create(
            [
                through(resourcepage_id=page.pk, topic_id=topic.pk)
                for page in pages
                for topic in self.random.sample(self.topics, k=self.random.randint(1, 3))
            ],
            batch_size=BATCH,
        )
        return self.record(ResourcePage, pages)

    def add_events(self, wanted):
        community = english_index(EventIndexPage)
        today = timezone.now().replace(hour=17, minute=0, second=0, microsecond=0)
        pages = []
        for n in self.missing(community, EventPage, "synthetic-meeting-", wanted):
            # Mostly past meetings, a few ahead, as a community page collects over the years.
            start = today + datetime.timedelta(days=7 * (n - wanted + 4))
            pages.append(
                EventPage(
                    title=f"Synthetic meeting {n}",
                    slug=f"synthetic-meeting-{n}",
                    summary=DEMO_NOTE.format(kind="meeting"),
                    start=start,
                    end=start + datetime.timedelta(minutes=90),
                    format=EventPage.Format.VIRTUAL,
                    join_url="https://meet.example.org/synthetic",
                )
            )
        add_children(community, EventPage, pages)
        return self.record(EventPage, pages)


def index_pages(pages_by_model):
    """Add the new pages to the search index in batches (not `update_index`, which would
    re-index the whole site)."""
    for backend in get_search_backends():
        for model, pks in pages_by_model.items():
            indexed = with_related_fields(model, model.get_indexed_objects())
            for start in range(0, len(pks), BATCH):
                backend.add_bulk(model, list(indexed.filter(pk__in=pks[start : start + BATCH])))


def forget_cached_content():
    """What the page and content caches hold was computed without the pages just added."""
    cache.forget_everything()


def refresh_planner_statistics():
    """After a bulk load, what PostgreSQL's autovacuum would do a little later: without
    statistics its planner takes the tables for small, and at 10,000 resources the library's
    counts take seconds instead of milliseconds. (SQLite is left without statistics, as Django
    leaves it: the queries are written for the plans it makes then; bench/README.md.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def with_related_fields(model, queryset):
    """`queryset` fetching the relations the search index reads (RelatedFields) in bulk."""
    for search_field in model.get_search_fields():
        if isinstance(search_field, index.RelatedFields):
            field = model._meta.get_field(search_field.field_name)
            if field.many_to_many or field.one_to_many:
                queryset = queryset.prefetch_related(field.name)
            else:
                queryset = queryset.select_related(field.name)
    return queryset
