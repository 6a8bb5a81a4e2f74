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

Results, counts and scores are the same as the same relevance rules give in Wagtail's own
queries (`RelevantSQLiteSearchQueryCompiler`, which the tests compare with).

Those rules differ from Wagtail's in two ways, measured on the demo content
(docs/decisions.md, "Search relevance"):

- Words are found in their other forms. FTS5's tokenizer folds case and accents but does not
  stem, so "assessments" did not find "Assessment" nor "oficina" "oficinas". Each word typed is
  searched for without its plural ending, as a prefix ("offices" finds "office" and "offices").
- A match in the title counts more than a match in the body, and only a title match is scaled
  by the title's shortness. Wagtail's SQLite backend scores the whole entry with one `bm25()`
  (the title's boost is ignored) and multiplies it by `title_norm`, so a page with a short title
  outranked every resource on a word of its summary ("Resources" above "Choosing Indicators for
  a Health Equity Dashboard" for "health equity"). Here, as on PostgreSQL, the title's score is
  scaled by its boost and shortness and added to the body's."""

from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import SearchField, get_indexed_models
from modelsearch.query import MatchAll, Not, PlainText
from modelsearch.utils import (
    get_content_type_pk,
    get_descendants_content_types_pks,
    get_search_fields,
)

from ..query import stem
from . import fetch_rows, has_integer_pk, of_searched_objects, searches_every_object

# Words shorter than this are matched whole: as prefixes ("de", "la", "en") they match too much.
SHORTEST_PREFIX = 4
# Taken from the score of a page whose title has every word: more than bm25() gives any page.
TITLE_MATCH_FIRST = 1000.0


class Unindexed(Func):
    """The column's value, written `+column` so that SQLite will not pick an index for it."""

    template = "+%(expressions)s"
    output_field = IntegerField()


class ColumnBM25(Func):
    """FTS5's `bm25()` counting only the columns given a weight. The full-text table's columns
    are (autocomplete, body, title), as modelsearch's migration creates them."""

    output_field = FloatField()

    def __init__(self, *, title=0.0, body=0.0):
        self.weights = (0.0, float(body), float(title))
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(map(str, self.weights))
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


def body_boosts():
    """{model: boost of its body}: the full-text table has one body column, so a page type's
    body counts with the highest boost of its fields other than the title (1 without one)."""
    boosts = {}
    for model in get_indexed_models():
        fields = get_search_fields(model.get_search_fields())
        found = [field.boost or 1.0 for field in fields if field.field_name != "title"]
        boosts[model] = max(found, default=1.0)
    return boosts


def body_weight():
    """The boost of each entry's body, by its content type."""
    by_boost = {}
    for model, boost in body_boosts().items():
        if boost != 1.0:
            by_boost.setdefault(boost, []).append(get_content_type_pk(model))
    whens = [
        When(index_entry__content_type_id__in=pks, then=Value(boost))
        for boost, pks in sorted(by_boost.items())
    ]
    if not whens:
        return Value(1.0)
    return Case(*whens, default=Value(1.0), output_field=FloatField())


class SiteRelevance:
    """What a search finds and how it ranks it; mixed into modelsearch's SQLite compiler."""

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        lexemes = [
            Lexeme(word, prefix=True) if len(word) >= SHORTEST_PREFIX else Lexeme(word)
            for word in map(stem, query.query_string.split())
        ]
        if not lexemes:
            return None
        combined = lexemes[0]
        for lexeme in lexemes[1:]:
            combined = combined & lexeme if query.operator.upper() == "AND" else combined | lexeme
        return SearchQueryExpression(combined, config=config)

    def title_boost(self):
        fields = self.queryset.model.get_search_fields()
        boosts = [f.boost for f in fields if isinstance(f, SearchField) and f.field_name == "title"]
        return next((boost for boost in boosts if boost), 1.0)

    def _build_rank_expression(self, vectors, config):
        # Lower is better, as with Wagtail's: bm25() is negative.
        title = ColumnBM25(title=self.title_boost()) * F("index_entry__title_norm")
        score = title + ColumnBM25(body=1.0) * body_weight()
        # bm25() weighs a word by its rarity, and on this site the words most searched for
        # ("health", "equity", "salud") are in most pages: they weigh next to nothing, and a long
        # body outranked a title naming every word. So pages whose title has every word come
        # first, then bm25() orders each group.
        query = self.build_search_query(normalize(self.query), config=config)
        titled = SQLiteFTSIndexEntry.objects.filter(MatchExpression(["title"], query))
        every_word_in_title = Case(
            When(pk__in=titled.values("pk"), then=Value(TITLE_MATCH_FIRST)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return score - every_word_in_title


class RelevantSQLiteSearchQueryCompiler(SiteRelevance, SQLiteSearchQueryCompiler):
    """Wagtail's SQLite queries, finding and ranking by the site's rules: what the faster
    queries below must give."""


class RankedSQLiteSearchQueryCompiler(RelevantSQLiteSearchQueryCompiler):
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
        return self._ranked_entries(config).values_list("index_entry__object_id", flat=True)

    def _ranked_entries(self, config):
        """The index entries of the matching objects of the searched queryset, best first, each
        with its object's key as `object_key`. Index entries keep the key as text; an integer
        key is compared as an integer (a third of the time of comparing every searched key as
        text, at 10,000 resources), each matching entry's object looked up by its key among the
        searched ones: SQLite would otherwise list every searched key first, which for a search
        of the whole site (10,000 pages) cost more than the few hundred matches of most words
        (6.6 → 3.8 ms for "equity", 3.9 → 0.6 for a rare word; a search of a few pages for a
        word in thousands costs 1-2 ms more). A search of every object of the model reads only
        the index (see `searches_every_object`)."""
        integer_key = has_integer_pk(self.queryset.model)
        if integer_key:
            object_id = Cast("index_entry__object_id", IntegerField())
        else:
            object_id = F("index_entry__object_id")
        entries = self._index_entries(config).annotate(object_key=object_id)
        searched = self.queryset.order_by()
        if integer_key and not searched.query.is_sliced:
            entries = of_searched_objects(entries, searched)
        elif integer_key:
            entries = entries.filter(object_key__in=searched.values("pk"))
        elif not searches_every_object(searched):
            searched = searched.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
            entries = entries.filter(object_key__in=searched)
        return entries.order_by("score", object_id.desc())

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
    def ranked_pks_and_types(self):
        """All matching (primary key, content type id), best first, in one query. An index
        entry's content type is its object's own (a page's specific type)."""
        compiler = self.query_compiler
        entries = compiler._ranked_entries(compiler.get_config(self.backend))
        pairs = entries.values_list("object_key", "index_entry__content_type_id")
        model = compiler.queryset.model
        if has_integer_pk(model):  # cast by the query
            return fetch_rows(pairs[self.start : self.stop])
        to_python = model._meta.pk.to_python
        return [(to_python(object_id), kind) for object_id, kind in pairs[self.start : self.stop]]


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
