"""Our own SQL over Wagtail's database search index, in two stages so that a
search costs about the same however many pages match.

Ranking every match was the slow part of a broad search: "mental health"
matches ~9,000 of 10,000 pages, and ts_rank (PostgreSQL) or bm25 (SQLite FTS5)
over all of them took ~330 ms. So (see engine.rank):

1. `first_matches` reads at most CAP + 1 matching entries, each with the same
   score as before (title rank x title_norm + body rank; bm25: SQLite scores
   them only when there are CAP or fewer). The LIMIT lets the database stop
   early instead of reading every match.
2. CAP or fewer: that is every match; sorted by score they are in exactly the
   order the one-pass ranking gave. More: the search is broad. The pages whose
   *title* matches (from an index of titles alone: PostgreSQL's GIN index of the
   titles, SQLite's search.models.TitleIndexEntry) are the candidates:
   `title_candidates` picks the best CANDIDATES by their title alone, with
   their full score to rank them by; the other matches found follow.

Counts by kind of page stop at CAP + 1 as well (shown as "more than 500").

Wagtail's backends keep the index up to date; these only read it, because
Wagtail's own queries cost seconds or several passes a search at 10,000 pages.
Each function returns plain tuples: (index entry id, page id, content type id).
"""

import json
from contextlib import contextmanager
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import (BooleanField, Case, Exists, ExpressionWrapper, F, FloatField, Func, IntegerField,
                              Lookup, OuterRef, Q, When)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .models import TitleIndexEntry


def database_backend():
    """The name of the search backend class in use: SQLiteSearchBackend, PostgresSearchBackend, ..."""
    return get_search_backend().__class__.__name__


class Slot(str):
    """A parameter of a statement compiled once (see _run) that is filled in each time it runs:
    the query's words. A str, so that Django passes it on untouched while compiling."""


_compiled = {}  # key -> (sql, params): see _run
MAX_COMPILED = 500
TITLE_HEADROOM = 2  # a broad search reads twice as many best titles as it needs: see _best_titles_sql


def _run(key, build, values):
    """The rows of the query `build()` makes (a QuerySet, or (sql, params)), compiled to SQL once
    per process for each `key`; each Slot among its parameters is filled in from `values`.

    A search's ranking queries differ only in its words: building and compiling them again
    for each search (the page check's subquery, the content types, the scores) cost Django
    about as much CPU as the database took to run them. `key` names everything else the SQL
    depends on (the pages queryset itself, content types, limits); None compiles every time."""
    compiled = _compiled.get(key) if key is not None else None
    if compiled is None:
        made = build()
        compiled = made if isinstance(made, tuple) else made.query.sql_with_params()
        if key is not None:
            if len(_compiled) >= MAX_COMPILED:
                _compiled.clear()
            _compiled[key] = compiled
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, [values[param] if isinstance(param, Slot) else param for param in params])
        return cursor.fetchall()


def _counted(queryset):
    """(sql, params) counting the rows of `queryset` (its LIMIT stops the count)."""
    sql, params = queryset.query.sql_with_params()
    return f"SELECT count(*) FROM ({sql}) AS found", params


def _types(content_types):
    """The content types a search covers, as part of a statement's key."""
    return tuple(content_types if content_types is not None else get_descendants_content_types_pks(Page))


def _shown(pages, content_types=None, through=""):
    """A filter keeping Wagtail's index entries for `pages` (those a visitor may
    see), optionally of some content types only; `through` names the relation to
    the entry. Each entry is checked against `pages` by its primary key, so only
    the entries read are checked, not every page."""
    types = content_types if content_types is not None else get_descendants_content_types_pks(Page)
    return Q(**{f"{through}content_type__in": types}) & _visible(pages, through)


def _visible(pages, through=""):
    """A filter keeping index entries whose page is among `pages`, whatever their type."""
    return Q(Exists(pages.filter(pk=Cast(OuterRef(f"{through}object_id"), IntegerField()))))


def _entries(pages, content_types=None):
    """Wagtail's index entries for `pages` (as _shown keeps them), for PostgreSQL to read from
    the GIN indexes of their text: the content type is checked as "content_type_id + 0",
    which no index answers.

    The filter by content type keeps almost every entry (every page type), but PostgreSQL
    would rather read the entries through its index, in index order, checking each one's
    text against the query until a LIMIT is reached: "bereaved parents" read 1,688 entries
    to find 501 (53 ms at 10,000 pages; from the GIN bitmap, 11 ms). From a GIN bitmap the
    matches come in the table's order, as they did before."""
    kind = ExpressionWrapper(F("content_type_id") + 0, output_field=IntegerField())
    types = content_types if content_types is not None else get_descendants_content_types_pks(Page)
    entries = get_app_config().get_model("IndexEntry").objects.alias(kind=kind)
    return entries.filter(Q(kind__in=types) & _visible(pages))


def _as_matches(rows):
    return [(entry_id, int(object_id), content_type_id) for entry_id, object_id, content_type_id, *_rest in rows]


class _Match(Lookup):
    """FTS5's MATCH on the table of `fts` (a model), its query a Slot ("match"): as Wagtail's
    MatchExpression, whose parameter (the columns and the query's words) is filled in
    when the statement runs (see SQLiteIndex._values)."""

    lookup_name = "peertalk_match"
    filterable = True

    def __init__(self, fts):
        self.table = fts._meta.db_table
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f"{self.table} MATCH %s", [Slot("match")]


class _BM25(Func):
    """FTS5's bm25 on the table of `fts` (a model): Wagtail's FTS5 table or the titles' own
    (modelsearch's BM25 names Wagtail's table only)."""

    output_field = FloatField()

    def __init__(self, fts):
        self.table = fts._meta.db_table
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        return f"bm25({self.table})", []


def _wagtail_fts():
    """Wagtail's FTS5 table of the index entries (title, body and autocomplete), as a model."""
    return get_app_config().get_model("SQLiteFTSIndexEntry")


class SQLiteIndex:
    """SQLite: Wagtail's FTS5 table, ranked by bm25 (lower is better; negated here
    so that, as on PostgreSQL, a higher score is better).

    Wagtail's SQLite backend scores each match in a correlated subquery that reruns
    the MATCH for every row: seconds per search on 10,000 pages.

    Each statement is compiled once per process (see _run): only the MATCH and,
    where there are some, the entries to score change from one search to the next.
    """

    def __init__(self, query, autocomplete=False):
        from modelsearch.backends.database.sqlite.query import normalize
        from modelsearch.backends.database.sqlite.sqlite import (
            SQLiteAutocompleteQueryCompiler,
            SQLiteSearchQueryCompiler,
        )

        compiler = SQLiteAutocompleteQueryCompiler if autocomplete else SQLiteSearchQueryCompiler
        self.columns = compiler.FTS_TABLE_FIELDS
        built = compiler(Page.objects.none(), query).build_search_query(normalize(query))
        sql, params = _wagtail_fts().objects.none().query.get_compiler(connection=connection).compile(built)
        self.words = sql % tuple(params)  # as MatchExpression writes them

    def _values(self, columns=None, **more):
        """The Slots' values: the MATCH as MatchExpression writes it, and `more`."""
        return {"match": f"{{{' '.join(columns or self.columns)}}} : ({self.words})", **more}

    def _fts(self):
        return _wagtail_fts().objects.filter(_Match(_wagtail_fts()))

    def _matching(self, pages, content_types):
        return (
            self._fts()  # read match by match (the LIMITs stop it early), each entry checked as it comes
            .filter(_shown(pages, content_types, through="index_entry__"))
            .annotate(score=-_BM25(_wagtail_fts()))
            .values_list("index_entry_id", "index_entry__object_id", "index_entry__content_type_id", "score")
        )

    def found(self, pages, limit):
        """How many pages match, counting up to `limit`."""
        build = lambda: _counted(self._fts().filter(_shown(pages, through="index_entry__")).values("index_entry_id")[:limit])  # noqa: E731
        return _run(("sqlite found", pages, _types(None), tuple(self.columns), limit), build, self._values())[0][0]

    def first_matches(self, pages, limit, content_types=None):
        """Up to `limit` matches, unranked: [(match, score)]. Read without their scores:
        bm25 first works out how rare each phrase is in the whole index (3 ms for the six
        names of "mental health"), and a broad search (`limit` found) never uses these
        scores (their score is None). Fewer are scored in a second query."""
        types = _types(content_types)
        build = lambda: (  # noqa: E731
            self._fts()
            .filter(_shown(pages, types, through="index_entry__"))
            .values_list("index_entry_id", "index_entry__object_id", "index_entry__content_type_id")[:limit]
        )
        matches = _as_matches(_run(("sqlite first", pages, types, tuple(self.columns), limit), build, self._values()))
        scores = {} if len(matches) == limit else self._scores(entry_id for entry_id, _page, _type in matches)
        return [(match, scores.get(match[0])) for match in matches]

    def _in_entries(self):
        """True for the FTS5 rows among the Slot "entries" (a JSON list of ids). "rowid + 0":
        given `rowid IN (...)` itself, FTS5 reruns the MATCH once per id (seconds for 100)."""
        fts = _wagtail_fts()
        column = f'"{fts._meta.db_table}"."{fts._meta.pk.column}"'
        return RawSQL(f'({column} + 0) IN (SELECT "value" FROM json_each(%s))', [Slot("entries")],
                      output_field=BooleanField())

    def _scores(self, entry_ids):
        """{entry id: score} for these matches."""
        build = lambda: self._fts().filter(self._in_entries()).annotate(score=-_BM25(_wagtail_fts())).values_list("index_entry_id", "score")  # noqa: E731
        values = self._values(entries=json.dumps(list(entry_ids)))
        return dict(_run(("sqlite scores", tuple(self.columns)), build, values))

    def ranked(self, pages, limit):
        """Every match, best first, up to `limit` (autocomplete: titles are short)."""
        build = lambda: self._matching(pages, None).order_by("-score", "index_entry_id")[:limit]  # noqa: E731
        return _as_matches(_run(None, build, self._values()))  # its pages are read anew each time

    def title_candidates(self, pages, limit, content_types=None, count_groups=None, cap=None):
        """The `limit` best matches by their title alone, each with its full score:
        [(match, score)]. With `count_groups`, counts() for them is worked out by the same
        statement as the scores, over one reading of the matches (it is kept for counts())."""
        types = _types(content_types)
        build = lambda: self._best_titles_sql(pages, types, limit)  # noqa: E731
        candidates = _as_matches(_run(("sqlite best titles", pages, types, limit), build, self._values(["title"])))
        if len(candidates) < limit:  # fewer titles match, or pages not shown crowded the best out: check every one
            build = lambda: self._by_title(pages, types).order_by("-score", "index_entry_id")[:limit]  # noqa: E731
            candidates = _as_matches(_run(("sqlite titles", pages, types, limit), build, self._values(["title"])))
        entry_ids = [entry_id for entry_id, _page, _type in candidates]
        if count_groups is None:
            scores = self._scores(entry_ids)
        else:
            scores, counted = self._scores_and_counts(entry_ids, pages, count_groups, cap)
            self._counted = ((list(count_groups.items()), cap), counted)
        return [(match, scores[match[0]]) for match in candidates]

    @staticmethod
    def _title_matches():
        """The titles that match, each scored by its title alone, from the titles' own index:
        reading the titles from Wagtail's FTS5 table, whose `{title}` filter still reads every
        match in the body, cost 10-13 ms of a broad search's ~30."""
        return TitleIndexEntry.objects.filter(_Match(TitleIndexEntry)).annotate(score=-_BM25(TitleIndexEntry))

    @classmethod
    def _by_title(cls, pages, content_types):
        """The entries of `pages` whose title matches, scored by their title alone."""
        return (
            cls._title_matches()
            .filter(_shown(pages, content_types, through="index_entry__"))
            .values_list("index_entry_id", "index_entry__object_id", "index_entry__content_type_id", "score")
        )

    @classmethod
    def _best_titles_sql(cls, pages, content_types, limit):
        """(sql, params) of the `limit` best title matches among `pages`, chosen from the
        TITLE_HEADROOM x `limit` best titles of all: only those are checked against `pages`.
        Checking every title match (1,095 for "peer support" at 10,000 pages) cost 3.4 ms
        of the 6.8 that choosing them took. Fewer than `limit` found, and _by_title checks
        them all: if `limit` are found, none can be missing, as any other title scores lower."""
        best = (
            cls._title_matches()
            .values_list("index_entry_id", "score")
            .order_by("-score", "index_entry_id")[: limit * TITLE_HEADROOM]
        )
        best_sql, best_params = best.query.sql_with_params()
        index_entry = get_app_config().get_model("IndexEntry")
        shown = (
            index_entry.objects.filter(_shown(pages, content_types))
            .extra(select={"score": '"best"."score"'}, tables=["best"],
                   where=[f'"best"."index_entry_id" = "{index_entry._meta.db_table}"."id"'])
            .values_list("id", "object_id", "content_type_id", "score")
            .order_by("-score", "id")[:limit]
        )
        shown_sql, shown_params = shown.query.sql_with_params()
        return f'WITH "best" AS MATERIALIZED ({best_sql}) {shown_sql}', [*best_params, *shown_params]

    def _scores_and_counts(self, entry_ids, pages, type_groups, cap):
        """({entry id: score}, counts()) in one statement. Both read every match of a broad
        search from FTS5 (~9,000 for "mental health", 4 ms) and the scores pay again for
        bm25 working out how rare each phrase is; read once, the two take 11 ms, not 15."""
        groups, kinds = _kinds(type_groups)
        values = self._values(entries=json.dumps(entry_ids), kinds=kinds)
        key = ("sqlite scores and counts", pages, tuple(self.columns), cap)
        rows = _run(key, lambda: self._scores_and_counts_sql(pages, cap), values)
        scores = {entry_id: score for entry_id, score, position in rows if position is None}
        return scores, {groups[position]: count for _entry, count, position in rows if position is not None}

    def _scores_and_counts_sql(self, pages, cap):
        index_entry = get_app_config().get_model("IndexEntry")
        table = index_entry._meta.db_table
        scored = Case(When(self._in_entries(), then=-_BM25(_wagtail_fts())), output_field=FloatField())
        matched = self._fts().annotate(score=scored).values_list("index_entry_id", "score")
        matched_sql, matched_params = matched.query.sql_with_params()
        in_matches = index_entry.objects.filter(_visible(pages)).extra(
            where=[f'("{table}"."id" + 0) IN (SELECT "index_entry_id" FROM "matched")']  # by content type, see counts
        )
        count_sql, count_params = _count_of_each_kind(in_matches, cap)
        return (
            f'WITH "matched" AS MATERIALIZED ({matched_sql}) '
            'SELECT "index_entry_id", "score", NULL FROM "matched" WHERE "score" IS NOT NULL '
            f'UNION ALL SELECT NULL, {count_sql}, "kinds"."key" FROM json_each(%s) AS "kinds"',
            [*matched_params, *count_params, Slot("kinds")],
        )

    _counted = None  # ((groups, cap), counts) from title_candidates

    def counts(self, pages, type_groups, cap):
        """{group: matches of its content types, stopping at `cap`}: one query, or none after
        title_candidates() counted them (an index serves one search, over the same pages).

        Each group is counted from its own index entries (by the content type index),
        each checked against the matches, read from FTS5 once for all the groups, so a
        group stops at `cap` and a small one costs little. Grouping every match by type
        read the entry of each of ~9,000 matches instead: 20 ms for "mental health" on
        10,000 pages, 8 ms this way (at most 501 entries checked)."""
        if self._counted is not None and self._counted[0] == (list(type_groups.items()), cap):
            return self._counted[1]
        groups, kinds = _kinds(type_groups)
        rows = _run(("sqlite counts", pages, tuple(self.columns), cap), lambda: self._counts_sql(pages, cap),
                    self._values(kinds=kinds))
        return {groups[position]: count for position, count in rows}

    def _counts_sql(self, pages, cap):
        index_entry = get_app_config().get_model("IndexEntry")
        # "id + 0": the entries are read by content type and each looked up in the matches, not the reverse.
        entry = ExpressionWrapper(F("pk") + 0, output_field=IntegerField())
        in_matches = (
            index_entry.objects.filter(_visible(pages))
            .alias(entry=entry)
            .filter(entry__in=self._fts().values("index_entry_id"))
        )
        count_sql, count_params = _count_of_each_kind(in_matches, cap)
        return f'SELECT "kinds"."key", {count_sql} FROM json_each(%s) AS "kinds"', [*count_params, Slot("kinds")]


def _kinds(type_groups):
    """The groups in order, and each one's content type ids as one JSON list, for SQLite's
    json_each to read as the rows "kinds" (key: the group's position, value: its ids)."""
    groups = list(type_groups)
    return groups, json.dumps([list(type_groups[group]) for group in groups])


def _count_of_each_kind(entries, cap):
    """(sql, params) of a subquery counting, up to `cap`, the index `entries` of the kind on
    the current "kinds" row (see _kinds): SQLite counts each kind from its own entries."""
    table = entries.model._meta.db_table
    found = entries.extra(where=[f'"{table}"."content_type_id" IN (SELECT "value" FROM json_each("kinds"."value"))'])
    sql, params = found.values("pk")[:cap].query.sql_with_params()
    return f"(SELECT count(*) FROM ({sql}) AS found)", params


def _zip_matches(rows):
    rows = list(rows)
    return zip(_as_matches(rows), rows)


class PostgresIndex:
    """PostgreSQL: Wagtail's index entries, ranked by ts_rank as Wagtail's backend
    ranks them (title rank x title_norm + body rank), with the tsquery worked out
    once (see _tsquery_text). Wagtail's backend runs three passes (results,
    count, facet) and ranks each part of the query separately: 26 ts_rank calls
    a row for a glossary term.

    Every query here runs with sequential scans off (see index_scans), and each is
    compiled once per process (see _run): only the tsquery, a Slot, changes.
    """

    def __init__(self, query):
        from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchQueryCompiler

        built = PostgresSearchQueryCompiler(Page.objects.none(), query).build_tsquery(
            query, config=get_search_backend().config
        )
        self.values = {"tsquery": _tsquery_text(*_compiled_expression(built, IndexEntry))}

    @staticmethod
    def _scores():
        """(title score, score) of an entry for the tsquery Slot."""
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        tsquery, weights = PreparedTsQuery(Slot("tsquery")), get_sql_weights()
        title_score = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm")
        return title_score, title_score + SearchRank(F("body"), tsquery, weights=weights)

    @staticmethod
    def _matching(pages, content_types):
        tsquery = PreparedTsQuery(Slot("tsquery"))
        return _entries(pages, content_types).filter(Q(title=tsquery) | Q(body=tsquery))

    def found(self, pages, limit):
        """How many pages match, counting up to `limit`."""
        types = _types(None)
        build = lambda: _counted(self._matching(pages, types).values("pk")[:limit])  # noqa: E731
        with index_scans():
            return _run(("postgres found", pages, types, limit), build, self.values)[0][0]

    def first_matches(self, pages, limit, content_types=None):
        """Up to `limit` matches: [(match, score)], scored only when there are fewer (a broad
        search, `limit` found, never uses these scores; their score is None).

        ts_rank reads each match's title and body vectors again, after the match itself read
        them (a phrase is checked against the body's positions): for the 501 matches of a
        broad search 1.5-2.5 ms of the query's 4-10 ms (EXPLAIN ANALYZE, 10,000 pages), for
        scores it throws away. So the matches are read first, with a LIMIT, and scored above
        it once their count is known."""
        types = _types(content_types)

        def build():
            columns = ("pk", "object_id", "content_type_id", "title", "body", "title_norm")
            sql, params = self._matching(pages, types).values_list(*columns)[:limit].query.sql_with_params()
            score_sql, score_params = _over(self._scores()[1], '"m"')
            return (
                f'SELECT "m"."pk", "m"."object_id", "m"."content_type_id", '
                f'CASE WHEN count(*) OVER () < {int(limit)} THEN {score_sql} END FROM ({sql}) AS "m"',
                [*score_params, *params],
            )

        with index_scans():
            rows = _run(("postgres first", pages, types, limit), build, self.values)
        return [(match, row[3]) for match, row in _zip_matches(rows)]

    def title_candidates(self, pages, limit, content_types=None, count_groups=None, cap=None):
        """As SQLite's; the counts are counted apart (counts())."""
        types = _types(content_types)

        def build():
            title_score, score = self._scores()
            by_title = _entries(pages, types).filter(title=PreparedTsQuery(Slot("tsquery"))).annotate(title_score=title_score)
            best = by_title.order_by("-title_score", "pk").values("pk")[:limit]
            index_entry = get_app_config().get_model("IndexEntry")
            rows = index_entry.objects.filter(pk__in=best).annotate(score=score)
            return rows.values_list("pk", "object_id", "content_type_id", "score")

        with index_scans():
            rows = _run(("postgres titles", pages, types, limit), build, self.values)
        return [(match, row[3]) for match, row in _zip_matches(rows)]

    def counts(self, pages, type_groups, cap):
        """{group: matches of its content types, stopping at `cap`}: one query,
        counting each group in a subquery allowed to stop after `cap` matches
        (counting every match exactly would read every matching page's text again)."""
        groups = tuple((group, tuple(ids)) for group, ids in type_groups.items())
        with index_scans():
            (row,) = _run(("postgres counts", pages, groups, cap), lambda: self._counts_sql(pages, groups, cap), self.values)
        return dict(zip(type_groups, row))

    def _counts_sql(self, pages, groups, cap):
        table = get_app_config().get_model("IndexEntry")._meta.db_table
        marker = [0]  # stands for each group's content types in the SQL compiled once for all of them
        matching = self._matching(pages, None).extra(where=[f'"{table}"."content_type_id" = ANY(%s)'], params=[marker])
        sql, params = matching.values("pk")[:cap].query.sql_with_params()
        at = next(index for index, param in enumerate(params) if param is marker)
        parts, all_params = [], []
        for _group, ids in groups:
            parts.append(f"(SELECT count(*) FROM ({sql}) AS found)")
            all_params += [*params[:at], list(ids), *params[at + 1 :]]
        return f"SELECT {', '.join(parts)}", all_params


def _over(expression, alias):
    """(sql, params) of an expression over IndexEntry's columns, reading them from the subquery
    `alias` instead of the table."""
    index_entry = get_app_config().get_model("IndexEntry")
    query = index_entry.objects.annotate(value=expression).values("value").query
    sql, params = query.sql_with_params()
    table = connection.ops.quote_name(index_entry._meta.db_table)
    select = sql[len("SELECT "):sql.rindex(' AS "value" FROM ')]
    return select.replace(f"{table}.", f"{alias}."), params


@contextmanager
def index_scans():
    """Sequential scans off for the queries inside (PostgreSQL), so matches come from the
    GIN indexes. With a LIMIT the planner would rather read the table until enough rows
    match: it costs `@@` as one cheap operator, but on a sequential scan each row's body
    tsvector is read from TOAST and checked. On 10,000 pages, "twins" (1,300 matches)
    read 3,573 rows in 21 ms to find its first 501; from the GIN bitmap, 9 ms (EXPLAIN
    ANALYZE), and counting by kind fell from 16 to 3 ms. SET LOCAL ends with the transaction
    (atomic() opens one when there is none), so other queries plan as before.

    Hash and merge joins off too: the check that each match's page is public (an EXISTS by
    the page's primary key) became a hash join over every page when the planner expected
    a few hundred matches, so a broad search built a hash of all 10,037 pages (5-7 ms)
    to check its first 501 matches, in each kind's count and in the first matches.
    Looked up by primary key: "mental health" counts 10.4 to 3.3 ms, first matches 12.4
    to 7.9 ms; "stress" 5.1 to 3.4 and 7.4 to 5.9 ms (EXPLAIN ANALYZE, 10,000 pages).

    Nested, the outermost one serves: a search's ranking and its counts share one SET LOCAL
    and one transaction (engine._LazyIndex) instead of each paying for their own. Nothing
    to do on other databases."""
    if connection.vendor != "postgresql" or getattr(connection, "_peertalk_index_scans", False):
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), "
            "set_config('enable_mergejoin', 'off', true)"
        )
        connection._peertalk_index_scans = True
        try:
            yield
        finally:
            connection._peertalk_index_scans = False


class PreparedTsQuery(SearchQuery):
    """A tsquery given as its text form: `'mental' <-> 'health' | 'stress'`."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql}::tsquery", params


def _compiled_expression(expression, model):
    """(sql, params) of the tsquery expression Wagtail builds for a query: its text is
    worked out by the database once (see _tsquery_text).

    to_tsquery() is STABLE, not IMMUTABLE, so PostgreSQL would rerun every
    to_tsquery() in the expression for every row it checks and ranks (half a
    second for a glossary term's 13 names on 10,000 pages).
    """
    compiler = model.objects.none().query.get_compiler(connection=connection)
    sql, params = compiler.compile(expression)
    return sql, tuple(params)


@lru_cache(maxsize=1000)
def _tsquery_text(sql, params):
    """What PostgreSQL makes of the query's words (stemmed by its text search
    configuration): the same every time, so each process asks once per query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        (text,) = cursor.fetchone()
    return text


INDEXES = {"SQLiteSearchBackend": SQLiteIndex, "PostgresSearchBackend": PostgresIndex}
