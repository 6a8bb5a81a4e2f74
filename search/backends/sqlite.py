"""SQLite full-text search that costs about the same at 100 and at 10,000 pages.

Wagtail's SQLite backend (modelsearch) has two habits that grow with the number of matches:

- It joins the full-text table to the index entries and filters on their content type. SQLite
  has no statistics unless someone runs ANALYZE, assumes the content-type index is selective,
  and loops over every entry of the type, evaluating the full-text match once per entry (half a
  second at 10,000 resources). Here the content-type column is read through `+column`, which
  SQLite may not use an index for, so the full-text match always drives the query.
- It orders by relevance with a correlated subquery that re-runs the full-text match for every
  matching page (eight seconds for a common word at 10,000 resources). Here one query ranks the
  matching entries, restricted to the searched queryset and cut to the page asked for; the
  score is then computed only for the rows of that page.

Results, counts and scores are the same as Wagtail's backend gives."""

from django.db.models import CharField, F, FloatField, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class Unindexed(Func):
    """The column's value, written `+column` so that SQLite will not pick an index for it."""

    template = "+%(expressions)s"
    output_field = IntegerField()


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def _index_entries(self, config, *, match_first=True):
        """The full-text table's rows that match, with their score, for the searched model.
        `match_first` keeps SQLite from starting with the index entries of the model (right
        only when one entry is looked up, as `_score` does)."""
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            self.build_search_query(normalize(self.query), config=config),
        )
        content_type = F("index_entry__content_type_id")
        if match_first:
            content_type = Unindexed(content_type)
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .alias(entry_content_type=content_type)
            .filter(entry_content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
        )

    def _ranked_object_ids(self, config):
        """The matching objects of the searched queryset, best first (as index entries store
        them: text), as modelsearch orders them (score, then the newest primary key)."""
        searched = (
            self.queryset.order_by()
            .annotate(searched_pk=Cast("pk", CharField()))
            .values("searched_pk")
        )
        newest = F("index_entry__object_id")
        if isinstance(self.queryset.model._meta.pk, IntegerField):
            newest = Cast(newest, IntegerField())
        return (
            self._index_entries(config)
            .filter(index_entry__object_id__in=searched)
            .order_by("score", newest.desc())
            .values_list("index_entry__object_id", flat=True)
        )

    def search(self, config, start, stop, score_field=None):
        if isinstance(normalize(self.query), MatchAll | Not):  # not a plain search
            return super().search(config, start, stop, score_field)
        if not self.order_by_relevance:
            matching = self._index_entries(config).values("index_entry__object_id")
            queryset = self.queryset.filter(pk__in=matching)
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: self._score(config)})
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]
        window = self._ranked_object_ids(config)[start:stop]
        score_field = score_field or "_score"
        return (
            self.queryset.filter(pk__in=window)
            .annotate(**{score_field: self._score(config)})
            .order_by(score_field, "-pk")
        )

    def _score(self, config):
        """The score of the outer query's row, for the few rows of one page of results."""
        entries = self._index_entries(config, match_first=False)
        score = entries.filter(index_entry__object_id=OuterRef("pk")).values("score")[:1]
        return Subquery(score, output_field=FloatField())


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def ranked_pks(self):
        """All matching primary keys, best first, in one query."""
        compiler = self.query_compiler
        ranked = compiler._ranked_object_ids(compiler.get_config(self.backend))
        to_python = compiler.queryset.model._meta.pk.to_python
        return [to_python(object_id) for object_id in ranked[self.start : self.stop]]


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
