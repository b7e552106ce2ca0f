"""Run an analysed query against every live, public page of the site."""

import functools
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail import blocks
from wagtail.models import Page, Site, get_page_models
from wagtail.search.query import PlainText
from wagtail.search.utils import normalise_query_string

from core.compiled import CompiledQuery
from core.pages import as_own_type, own_types, public
from core.pagination import paginate
from core.text import searchable_text

from . import matching
from .highlight import excerpt, folded, highlight, hits, matcher_for, snippet
from .results_cache import cached_matches

RESULTS_PER_PAGE = 10
BROAD = 500  # more matches than this and a search is broad: see rank()
CANDIDATES = 100  # a broad search ranks this many of the pages whose title matches


def site_pages(request, own_index=False):
    """Live pages anyone may read, in this site. Drafts and private pages never match.

    `own_index`: the pages go only to this project's SQL (search/matching.py), which takes
    the privacy check as a subquery (core.pages.public), not a query of its own; the same
    queryset serves every search of the site, so the statements compiled from it are
    compiled once (matching._run). Wagtail's search API filters on indexed fields only, so
    it gets .public(), which reads every view restriction first to filter by their paths."""
    site = Site.find_for_request(request)
    if own_index:
        return _own_index_pages(*((site.root_page.path, site.root_page.depth) if site else (None, None)))
    pages = Page.objects.live().public()
    return pages.in_site(site) if site else pages


@functools.lru_cache(maxsize=64)
def _own_index_pages(root_path, root_depth):
    """The live, public pages under a site's home page (as `.in_site()` picks them), built once
    per process for each: a queryset that is only ever copied by filters, never read itself."""
    pages = public(Page.objects.live())
    return pages if root_path is None else pages.filter(path__startswith=root_path, depth__gte=root_depth)


def own_index_class():
    """This project's SQL for the database's search index (SQLite, PostgreSQL), or None:
    other backends (Elasticsearch, say) go through Wagtail's search API."""
    return matching.INDEXES.get(matching.database_backend())


def has_own_index():
    return own_index_class() is not None


def page_types():
    """{slug: (label, [content type ids])}, grouping page models by what readers call them."""
    types = {}
    for model in get_page_models():
        if model is Page:
            continue
        label = getattr(model, "content_type_label", "Page")
        entry = types.setdefault(slugify(label), (label, []))
        entry[1].append(ContentType.objects.get_for_model(model).pk)
    return types


@dataclass
class TypeCount:
    slug: str
    label: str
    count: int  # up to BROAD + 1
    more: bool = False  # more than BROAD: the count stopped there

    def __post_init__(self):
        self.more = self.count > BROAD
        self.count = min(self.count, BROAD)


def _counts(by_slug, types):
    counts = [TypeCount(slug, types[slug][0], count) for slug, count in by_slug.items() if count]
    return sorted(counts, key=lambda item: (-item.count, item.label))


class RankedPages(Sequence):
    """Ranked page ids read one slice at a time as specific pages (for the Paginator):
    only the pages being shown are ever loaded, and always through `pages`, so
    a page unpublished or made private since the ranking was cached never shows.
    They are read in one query, however many page types they are (core.pages.own_types),
    joining the tables of the types among them only: each match knows its page's type."""

    def __init__(self, pages, matches):
        self.pages, self.matches = pages, matches  # [(page id, content type id)], best first

    def __len__(self):
        return len(self.matches)

    def __getitem__(self, index):
        matches = self.matches[index] if isinstance(index, slice) else [self.matches[index]]
        models = frozenset(ContentType.objects.get_for_id(type_id).model_class() for _page_id, type_id in matches)
        by_id = {page.pk: as_own_type(page) for page in _shown_pages(self.pages, models)([pk for pk, _ in matches])}
        found = [by_id[page_id] for page_id, _type_id in matches if page_id in by_id]
        return found if isinstance(index, slice) else found[0]


@functools.lru_cache(maxsize=256)
def _shown_pages(pages, models):
    """The pages among `pages` with given ids, each joined to its own type's table (of
    `models`): compiled once per process, set of types and number of pages (core.compiled).
    Building and compiling it cost 2-4 ms of CPU a page of results. `pages` is one of the
    querysets search builds once per process, so it serves as a key."""
    return CompiledQuery(lambda ids: own_types(pages, models=models).filter(pk__in=ids))


def in_order(pages, ids):
    """The pages with these ids, in the ids' order; ids not among `pages` are left out."""
    by_id = {page.pk: page for page in pages.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _wagtail_search(pages, query, types, type_slug):
    """Through Wagtail's search API, for backends with no SQL of ours (Elasticsearch, say)."""
    results = pages.specific().search(query)  # one query per page type, not per result
    by_content_type = results.facet("content_type_id")
    by_slug = {slug: sum(by_content_type.get(pk, 0) for pk in ids) for slug, (_label, ids) in types.items()}
    if type_slug:
        results = pages.filter(content_type_id__in=types[type_slug][1]).specific().search(query)
    return results, by_slug, False


def rank(index, pages, content_types=None, count_groups=None):
    """([(page id, content type id)] best first, whether the search is broad).

    Up to BROAD matches are every match, sorted by their score: the order
    ranking every match gives. More, and the search is broad: the CANDIDATES
    pages whose title matches best are ranked first, then the other matches
    found, up to BROAD + 1 of them (see matching). A broad search is counted
    by type too: `count_groups` lets the index count them as it ranks."""
    found = index.first_matches(pages, BROAD + 1, content_types)
    if len(found) <= BROAD:
        return [match[1:] for match in _best_first(found)], False
    first = _best_first(index.title_candidates(pages, CANDIDATES, content_types, count_groups, BROAD + 1))
    chosen = {entry_id for entry_id, _page_id, _type in first}
    rest = [match for match, _score in found if match[0] not in chosen]
    return [match[1:] for match in first + rest], True


def _best_first(scored):
    """[(match, score)] -> matches, best score first, then in index order (as the SQL ranking had them)."""
    return [match for match, _score in sorted(scored, key=lambda item: (-item[1], item[0][0]))]


class _LazyIndex:
    """The index for a query, made only on a cache miss (PostgreSQL's costs a query).
    Once made, its queries share one session (matching.index_scans) until `session` closes."""

    def __init__(self, index_class, analysis, operator, session):
        self.index_class, self.analysis, self.operator, self.made = index_class, analysis, operator, None
        self.session = session

    def __call__(self):
        if self.made is None:
            self.session.enter_context(matching.index_scans())
            self.made = self.index_class(self.analysis.backend_query(self.operator))
        return self.made


def _search(pages, site, analysis, operator, types, type_slug):
    """(results for the Paginator, {type slug: count}, whether broad); counts cover every type."""
    index_class = own_index_class()
    if index_class is None:
        return _wagtail_search(pages, analysis.backend_query(operator), types, type_slug)
    site_id, groups = site.pk if site else None, {slug: ids for slug, (_label, ids) in types.items()}
    with ExitStack() as session:
        index = _LazyIndex(index_class, analysis, operator, session)
        every, broad = cached_matches(site_id, analysis, operator, "", lambda: rank(index(), pages, count_groups=groups))
        if broad:  # the counts by type stop at BROAD + 1 each
            by_slug = cached_matches(site_id, analysis, operator, "counts", lambda: index().counts(pages, groups, BROAD + 1))
        else:
            by_slug = {slug: sum(1 for _page_id, type_id in every if type_id in ids) for slug, (_label, ids) in types.items()}
        matches = every
        if type_slug and broad:  # the matches found may have left this type out: rank it on its own
            wanted = types[type_slug][1]
            matches, _broad = cached_matches(site_id, analysis, operator, type_slug, lambda: rank(index(), pages, wanted))
    if type_slug and not broad:
        wanted = set(types[type_slug][1])
        matches = [match for match in every if match[1] in wanted]
    return RankedPages(pages, matches), by_slug, broad


def _operators(analysis):
    """All words must match; if nothing has them all, any will do."""
    return ["and", "or"] if len(analysis.groups) > 1 else ["and"]


def _loosening(request, pages, analysis, types, type_slug):
    """(results, {type slug: count}, whether broad, operator used); see _operators."""
    site = Site.find_for_request(request)
    for operator in _operators(analysis):
        results, by_slug, broad = _search(pages, site, analysis, operator, types, type_slug)
        if any(by_slug.values()):
            break
    return results, by_slug, broad, operator


@dataclass
class Found:
    items: object  # the Paginator's page of results
    counts: list  # TypeCount, most first
    total: int  # up to BROAD
    more: bool  # more than BROAD pages match: the counts stopped there
    operator: str  # "and": every word matched; "or": some did


def find(request, pages, analysis, type_slug=""):
    """Search `pages`, for the page of results the request asks for."""
    types = page_types()
    results, by_slug, broad, operator = _loosening(request, pages, analysis, types, type_slug)
    items = paginate(request, results, RESULTS_PER_PAGE)
    total = sum(by_slug.values())
    return Found(items, _counts(by_slug, types), min(total, BROAD), broad or total > BROAD, operator)


def count(request, pages, analysis):
    """(how many pages the query finds, up to BROAD + 1; operator used), as find() would find
    them, without ranking them: a respelling is offered when it finds more ("Did you mean"),
    and ranking it too cost as much as the search itself."""
    index_class = own_index_class()
    if index_class is None:
        _results, by_slug, _broad, operator = _loosening(request, pages, analysis, page_types(), "")
        return min(sum(by_slug.values()), BROAD + 1), operator
    site = Site.find_for_request(request)
    for operator in _operators(analysis):
        with ExitStack() as session:
            index = _LazyIndex(index_class, analysis, operator, session)
            found = cached_matches(site.pk if site else None, analysis, operator, "found", lambda: index().found(pages, BROAD + 1))
        if found:
            break
    return found, operator


def autocomplete(pages, typed, limit):
    """Up to `limit` of `pages` with title words starting with what has been typed, best first."""
    if matching.database_backend() != "SQLiteSearchBackend":
        return list(pages.autocomplete(typed)[:limit])
    matches = matching.SQLiteIndex(PlainText(typed), autocomplete=True).ranked(pages, limit)
    return in_order(pages, [page_id for _entry_id, page_id, _type in matches])


def _best_section(page, analysis, matcher):
    """The issue section that covers most of the query, then uses most of its
    different names (a section about a thing names it many ways), then has most
    hits: (heading, anchor, snippet), or None."""
    best, best_score = None, (0, 0, 0)
    for section in getattr(page, "sections", None) or []:
        text = folded(_section_text(section))  # as the snippet shows it: the words, and so the hits, are the same
        found = hits(text, matcher)
        phrases = [phrase for _start, _end, phrase in found]
        score = (analysis.groups_found(phrases), len(set(phrases)), len(phrases))
        if score > best_score:
            best, best_score = (section, text, found), score
    if best is None:
        return None
    section, text, found = best  # its snippet made from the hits found, not by finding them again
    return section["heading"], section["anchor"], excerpt(text, [(start, end) for start, end, _phrase in found])


def _section_text(section):
    block = section["block"]
    if "body" in block.block.child_blocks:  # the section's words, not its anchor
        words = block.block.child_blocks["body"].get_searchable_content(block.value["body"])
    else:
        words = block.block.get_searchable_content(block.value)
    return " ".join([section["heading"], *words])


@dataclass
class Result:
    page: object
    url: str
    type_label: str
    title_html: str
    snippet: str
    date: object = None
    section_heading: str = ""
    section_url: str = ""


def _read_bodies_together(pages):
    """Convert the bodies of the results that have sections (issues) in one pass per page
    type, as Wagtail converts one page's, with nothing chosen read (_unchosen): a result
    shows only the sections' words, and what a listing block picked (pages, filters,
    images) has none of them (a chooser's searchable content is empty)."""
    by_type = defaultdict(list)
    for page in pages:
        if hasattr(type(page), "sections"):
            by_type[type(page)].append(page)
    for page_type, group in by_type.items():
        stream_block = page_type._meta.get_field("body").stream_block
        bodies = stream_block.bulk_to_python([_unchosen(stream_block, list(page.body.raw_data)) for page in group])
        for page, body in zip(group, bodies):
            page.body = body


def _unchosen(block, raw):
    """A block's stored value `raw` with every chooser's choice left out (None), so converting
    it reads nothing. The cards that newsletter issues' listing blocks picked, never shown among
    results, cost two queries and made converting the bodies 4.8 ms of CPU a page of results
    with issues, not 0.45 ms (11 of the bench's 50 searches, 10,000 pages, SQLite)."""
    if isinstance(block, blocks.ChooserBlock):
        return None
    if isinstance(block, blocks.BaseStreamBlock):
        return [{**child, "value": _unchosen(block.child_blocks[child["type"]], child["value"])}
                if child.get("type") in block.child_blocks else child for child in raw]
    if isinstance(block, blocks.BaseStructBlock) and isinstance(raw, dict):
        return {name: _unchosen(block.child_blocks[name], value) if name in block.child_blocks else value
                for name, value in raw.items()}
    if isinstance(block, blocks.ListBlock):
        return [{**item, "value": _unchosen(block.child_block, item["value"])}
                if block._item_is_in_block_format(item) else _unchosen(block.child_block, item) for item in raw]
    return raw


def describe(pages, analysis, request):
    """What each result shows: type, highlighted title, snippet, date and best section.

    `pages` are one page of specific results; building this reads only what the issues'
    listing blocks picked, once for them all.
    """
    _read_bodies_together(pages)
    matcher = matcher_for(analysis)
    described = []
    for page in pages:
        url = page.get_url(request)
        result = Result(
            page=page,
            url=url,
            type_label=getattr(page, "content_type_label", "Page"),
            title_html=highlight(page.title, matcher),
            snippet="",
            date=getattr(page, "listing_date", None),
        )
        section = _best_section(page, analysis, matcher)
        if section:
            result.section_heading, anchor, result.snippet = section
            result.section_url = f"{url}#{anchor}"
        else:
            summary = page.get_listing_summary() if hasattr(page, "get_listing_summary") else ""
            result.snippet = snippet(searchable_text(page, related=False, skip=("title",)), matcher) or summary
        described.append(result)
    return described


def promotions(text, pages):
    """Editors' picks for exactly this query: `pages` it may show, or external links.

    Most queries have none, and a statement written once (_PICKED) says so: building the
    picks' queryset cost Django ~1 ms of CPU a search. When there are some, they are read
    alone (checking each against `pages` in the same query cost Django more time to build
    than the query took to run), and the pages they name checked in a second query, by id."""
    query_string = normalise_query_string(text)
    with connection.cursor() as cursor:
        cursor.execute(_statement(_PICKED), [query_string])
        if cursor.fetchone() is None:
            return []
    picks = list(SearchPromotion.objects.filter(query__query_string=query_string).select_related("page"))
    named = {pick.page_id for pick in picks if pick.page_id is not None}
    shown = set(pages.filter(pk__in=named).values_list("pk", flat=True)) if named else set()
    return [pick for pick in picks if pick.page_id is None or pick.page_id in shown]


# SQL for a query's search terms, written once: a Django queryset cost more CPU to build than these take to run.
_PICKED = "SELECT 1 FROM {promotion} JOIN {query} ON {promotion}.query_id = {query}.id WHERE {query}.query_string = %s LIMIT 1"
_COUNTED = ("UPDATE {hits} SET hits = hits + 1 WHERE date = %s "
            "AND query_id IN (SELECT id FROM {query} WHERE query_string = %s)")


@functools.cache
def _statement(template):
    tables = {"promotion": SearchPromotion, "query": Query, "hits": QueryDailyHits}
    return template.format(**{name: connection.ops.quote_name(model._meta.db_table) for name, model in tables.items()})


def log_query(text):
    """Count the query for Wagtail's search terms report: the words only, never who
    searched. A query already counted today costs one UPDATE (_COUNTED); the day's first
    goes through Wagtail's own Query.get and add_hit, which create what is missing."""
    today = timezone.now().date()
    with connection.cursor() as cursor:
        cursor.execute(_statement(_COUNTED), [connection.ops.adapt_datefield_value(today), normalise_query_string(text)])
        counted = cursor.rowcount
    if not counted:
        Query.get(text).add_hit(date=today)


def services_directory():
    """The services app's index page (a direct child of the home page), if it exists yet."""
    return Page.objects.live().public().filter(content_type__app_label="services", depth=3).first()
