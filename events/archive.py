"""The archive of past meetings on the community page: narrowed to a topic (the library topics
of a meeting's recording, slides and materials) and searched by words, on top of the year
filter of the listing. Filters that are not understood are ignored, never refused: old links
and hand-typed addresses still show the page."""

from dataclasses import dataclass, field

from django.apps import apps

from care_site.base import cache
from search.query import parse

SEARCH_RESULTS_MAX = 500


@dataclass
class Archive:
    topics: list = field(default_factory=list)  # every topic the meetings' materials have
    topic: object = None  # the chosen topic, in the page's language
    query: str = ""
    past_within: set | None = None  # the past meetings the filters keep; None: every one

    @property
    def filtered(self):
        return self.past_within is not None


def meeting_topics(events, locale):
    """The topics of the resources linked to `events` as materials, each once, in `locale`
    where the topic has a translation there (materials point at the source resources)."""
    keys = set(
        events.filter(materials__resource__topics__isnull=False).values_list(
            "materials__resource__topics__translation_key", flat=True
        )
    )
    if not keys:
        return []
    found = {}
    # The library's topics, by name: this app sits beside the library, not above it.
    topics = apps.get_model("resources", "Topic").objects.filter(translation_key__in=keys)
    for topic in topics:
        if topic.translation_key not in found or topic.locale_id == locale.pk:
            found[topic.translation_key] = topic
    return sorted(found.values(), key=lambda topic: (topic.sort_order, topic.name.casefold()))


def archive(events, params, locale, *, cache_scope=None):
    """The archive's filters read from `params` (a QueryDict) for the meetings `events`. With a
    `cache_scope` (the community page) the topics offered are kept in the content cache, as the
    listing's meetings are, until content changes."""
    topics = cache.cached(
        lambda: meeting_topics(events, locale),
        cache_scope and cache.key("community-topics", cache_scope, locale.pk),
    )
    result = Archive(topics=topics)
    wanted = params.get("topic", "")
    result.topic = next((topic for topic in result.topics if topic.slug == wanted), None)
    # Only words reach the search backend, as in the site search (search/query.py).
    parsed = parse(params.get("q", ""))
    result.query = parsed.text
    if result.topic is None and not parsed:
        return result
    kept = events
    if result.topic is not None:
        key = result.topic.translation_key
        kept = kept.filter(materials__resource__topics__translation_key=key)
    ids = set(kept.values_list("pk", flat=True))
    if parsed:
        found = events.model.objects.filter(id__in=ids).search(parsed.expression)
        ids = {page.pk for page in found[:SEARCH_RESULTS_MAX]}
    result.past_within = ids
    return result
