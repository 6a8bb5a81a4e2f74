"""Which language a request is in, and pages shown in the visitor's language."""

from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from . import cache
from .planner import own_rows_first


def active_locale_id():
    """The id of the active language's Locale, from the cache (Wagtail's `Locale.get_active()`
    asks the database each time)."""
    return locale_id_for(translation.get_language())


def locale_id_for(language_code):
    """The id of the Locale of `language_code` (or None), from the cache."""
    try:
        language = get_supported_content_language_variant(language_code)
    except LookupError:
        return None
    return locale_ids().get(language)


def locale_ids():
    """{language code: the id of its Locale}, from the cache."""
    return cache.cached(
        lambda: dict(Locale.objects.values_list("language_code", "pk")), cache.key("locale-ids")
    )


def in_language(queryset, locale_ids, **conditions):
    """`queryset` (pages, or terms, of one type) in the languages `locale_ids` (one id or
    several), among its rows matching `conditions`: those rows first, for SQLite's planner
    (see `planner`), which would otherwise walk every page of the language to find a few."""
    ids = [locale_ids] if isinstance(locale_ids, int) else list(locale_ids)
    return own_rows_first(queryset, **conditions).filter(locale_id__in=ids)


# The columns of a page `localize_pages` reads.
TRANSLATION_FIELDS = ("locale", "translation_key")


def localize_pages(pages, locale_id, select_related=()):
    """Each page replaced by its live translation in `locale_id` when there is one, keeping the
    order, in one query. Pages written in that language are returned as they are."""
    if not pages:
        return []
    model = type(pages[0])
    keys = [page.translation_key for page in pages if page.locale_id != locale_id]
    translations = {}
    if keys:
        queryset = (
            model.objects.live().public().filter(translation_key__in=keys, locale_id=locale_id)
        )
        if select_related:
            queryset = queryset.select_related(*select_related)
        translations = {page.translation_key: page for page in queryset}
    return [translations.get(page.translation_key, page) for page in pages]
