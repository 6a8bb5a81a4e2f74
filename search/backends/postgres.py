"""PostgreSQL full-text search in each page's own language, ignoring accents.

Wagtail's PostgreSQL backend (modelsearch) indexes and searches everything with one text search
configuration, the database's default (`english`): Spanish words were not stemmed ("oficina"
did not find "oficinas") and accents had to be typed ("civica" did not find "cívica"). Here:

- Each page is indexed with its own language's configuration (`TEXT_SEARCH_CONFIGS`): English
  pages with `care_english`, Spanish ones with `care_spanish`. Both are PostgreSQL's own
  configuration for the language with `unaccent` applied before the stemmer (migration
  `search/0003`), so words match with or without their accents.
- A search is read in every language's configuration and matches a page that matches in any of
  them. The visitor's language is not enough: editors search pages of every language from the
  admin in theirs, and the page's own configuration is what its index entry was made with.

Everything else (ranking, weights, phrases, counts) is Wagtail's. A ranked search of every object
of a model (`searches_every_object`, as the library's) reads the index alone, without joining
the model's table, in Wagtail's order."""

import copy
from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import F, IntegerField
from django.db.models.functions import Cast

from wagtail.models import Locale

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import fetch_rows, has_integer_pk, keys_and_types, of_searched_objects

# Created by migration search/0003: PostgreSQL's configuration for the language, unaccented.
TEXT_SEARCH_CONFIGS = {"en": "care_english", "es": "care_spanish"}


def config_for(language_code):
    """The text search configuration of a language (the site's default language's when the
    language has none of its own)."""
    default = TEXT_SEARCH_CONFIGS[settings.LANGUAGE_CODE.split("-")[0]]
    return TEXT_SEARCH_CONFIGS.get((language_code or "").split("-")[0], default)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Wagtail's, once per language: each object is indexed with its language's
        configuration. One query finds the languages, whatever the number of objects."""
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
        )
        by_config = defaultdict(list)
        for obj in objs:
            by_config[config_for(languages.get(getattr(obj, "locale_id", None)))].append(obj)
        for config, group in by_config.items():
            backend = copy.copy(self.backend)
            backend.config = config  # what Wagtail's indexer reads
            super(LanguageIndex, LanguageIndex(backend)).add_items(model, group)


class LanguageSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        """The query read in each language's configuration; a page matches if it matches in
        any of them (its own, in practice)."""
        queries = [
            self.build_tsquery_content(query, config=language_config)
            for language_config in dict.fromkeys(TEXT_SEARCH_CONFIGS.values())
        ]
        queries = [built for built in queries if built is not None]
        return reduce(or_, queries) if queries else None

    def ranked_entries(self, config):
        """(object key, content type id) of the matching index entries of the searched model,
        best first, as Wagtail's query orders its objects (score, then the highest key): its
        rank and match, written on the index entry rather than through the model's relation
        to it. A search of every object reads the index alone; a search of some (the site
        search: a language's live pages) keeps the entries whose object is among them, where
        Wagtail's query joins every searched object to the index on its key cast to text (a
        search of the site at 10,000 resources: 13 → 11 ms for "equity", 10 → 3 for a rare
        word, 39 → 30 for a common one). Only for a plain search of a model with an integer
        key; None otherwise. The match is the expression the index of search/0004 holds."""
        model = self.queryset.model
        if not (
            self.order_by_relevance
            and self.fields is None
            and isinstance(self.query, PlainText)
            and has_integer_pk(model)
            and not self.queryset.query.is_sliced
        ):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return None
        title, body = F("title"), F("body")
        rank = self._build_rank_expression([(title, F("title_norm")), (body, 1.0)], config)
        object_key = Cast("object_id", IntegerField())
        entries = IndexEntry._default_manager.annotate(
            _vector_=title._combine(body, "||", False), object_key=object_key
        ).filter(
            content_type_id__in=get_descendants_content_types_pks(model), _vector_=search_query
        )
        return (
            of_searched_objects(entries, self.queryset)
            .order_by(rank.desc(), object_key.desc())
            .values_list("object_key", "content_type_id")
        )


class RankedPostgresSearchResults(PostgresSearchResults):
    def ranked_pks_and_types(self):
        """All matching (primary key, content type id), best first, in one query; from the
        index alone where `ranked_entries` can, else Wagtail's query of the model."""
        compiler = self.query_compiler
        entries = compiler.ranked_entries(compiler.get_config(self.backend))
        if entries is not None:
            return fetch_rows(entries[self.start : self.stop])
        return keys_and_types(self.get_queryset())


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageSearchQueryCompiler
    index_class = LanguageIndex
    results_class = RankedPostgresSearchResults
