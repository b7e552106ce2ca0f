"""Our own SQL over Wagtail's database search index: one query per search.

Each matcher returns every page the query matches, best first, as
(page id as text, content type id). Wagtail's backends keep the index up to
date; these only read it, because Wagtail's own queries cost seconds or
several passes a search at 10,000 pages (see each function).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend


def database_backend():
    """The name of the search backend class in use: SQLiteSearchBackend, PostgresSearchBackend, ..."""
    return get_search_backend().__class__.__name__


def _index_entries_shown(pages):
    """The search index's ids (text) of the pages a visitor may see."""
    return pages.annotate(text_pk=Cast("pk", CharField())).values("text_pk")


def sqlite_matches(pages, query, autocomplete=False):
    """SQLite: one FTS5 pass, ranked by bm25 (lower is better). With `autocomplete`,
    the last word is a prefix and only the autocomplete column (titles) is searched.

    Wagtail's SQLite backend scores each match in a correlated subquery that reruns
    the MATCH for every row: seconds per search on 10,000 pages (8.8 s for an
    autocomplete of "pe").
    """
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.conf import get_app_config

    fts = get_app_config().get_model("SQLiteFTSIndexEntry")
    compiler = SQLiteAutocompleteQueryCompiler if autocomplete else SQLiteSearchQueryCompiler
    built = compiler(pages, query).build_search_query(normalize(query))
    return (
        fts.objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, built))
        .filter(
            index_entry__content_type__in=get_descendants_content_types_pks(Page),
            index_entry__object_id__in=_index_entries_shown(pages),
        )
        .annotate(score=BM25())
        .order_by("score", "index_entry_id")
        .values_list("index_entry__object_id", "index_entry__content_type_id")
    )


def postgres_matches(pages, query):
    """PostgreSQL: one pass over Wagtail's index entries, ranked by ts_rank.

    Wagtail's backend runs three passes (results, count, facet) and ranks each
    part of the query separately: 26 ts_rank calls a row for a glossary term.
    """
    from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchQueryCompiler
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    built = PostgresSearchQueryCompiler(pages, query).build_tsquery(query, config=get_search_backend().config)
    tsquery = _prepared_tsquery(built, IndexEntry)
    weights = get_sql_weights()
    score = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm") + SearchRank(
        F("body"), tsquery, weights=weights
    )
    return (
        IndexEntry.objects.filter(
            content_type__in=get_descendants_content_types_pks(Page), object_id__in=_index_entries_shown(pages)
        )
        .filter(Q(title=tsquery) | Q(body=tsquery))
        .annotate(score=score)
        .order_by("-score", "pk")
        .values_list("object_id", "content_type_id")
    )


class PreparedTsQuery(SearchQuery):
    """A tsquery given as its text form: `'mental' <-> 'health' | 'stress'`."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql}::tsquery", params


def _prepared_tsquery(expression, model):
    """The tsquery an expression stands for, worked out once.

    to_tsquery() is STABLE, not IMMUTABLE, so PostgreSQL would rerun every
    to_tsquery() in the expression for every row it checks and ranks (half a
    second for a glossary term's 13 names on 10,000 pages).
    """
    compiler = model.objects.none().query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        (text,) = cursor.fetchone()
    return PreparedTsQuery(text)


MATCHERS = {"SQLiteSearchBackend": sqlite_matches, "PostgresSearchBackend": postgres_matches}
