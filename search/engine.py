"""Run an analysed query against every live, public page of the site."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.utils.text import slugify
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from home.pagination import paginate

from .highlight import highlight, hits, matcher_for, snippet
from .text import searchable_text

RESULTS_PER_PAGE = 10


def site_pages(request):
    """Live pages anyone may read, in this site. Drafts and private pages never match."""
    site = Site.find_for_request(request)
    pages = Page.objects.live().public()
    return pages.in_site(site) if site else pages


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
    count: int


def _counts(by_content_type, types):
    counts = []
    for slug, (label, content_type_ids) in types.items():
        count = sum(by_content_type.get(pk, 0) for pk in content_type_ids)
        if count:
            counts.append(TypeCount(slug, label, count))
    return sorted(counts, key=lambda item: (-item.count, item.label))


class RankedPages(Sequence):
    """Ranked page ids read one slice at a time as specific pages (for the Paginator):
    only the ten ids of the page being shown ever leave the database."""

    def __init__(self, ranked_ids, count):
        self.ranked_ids, self.count = ranked_ids, count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        ids = [int(pk) for pk in (self.ranked_ids[index] if isinstance(index, slice) else [self.ranked_ids[index]])]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        found = [pages[pk] for pk in ids if pk in pages]
        return found if isinstance(index, slice) else found[0]


def _sqlite_search(pages, query, types, type_slug):
    """SQLite: bm25 ranking in one FTS5 pass, joined to the live public pages of the site.

    Wagtail's SQLite backend scores each match in a correlated subquery that reruns
    the MATCH for every row: seconds per search on 10,000 pages.
    """
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    from modelsearch.conf import get_app_config

    fts = get_app_config().get_model("SQLiteFTSIndexEntry")
    built = SQLiteSearchQueryCompiler(pages, query).build_search_query(normalize(query))
    matches = fts.objects.filter(MatchExpression(["title", "body"], built)).filter(
        index_entry__content_type__in=get_descendants_content_types_pks(Page)
    )
    matched_pages = pages.filter(pk__in=matches.values("index_entry__object_id"))
    by_content_type = dict(
        matched_pages.order_by().values_list("content_type_id").annotate(count=Count("pk")).values_list(
            "content_type_id", "count"
        )
    )
    if type_slug:
        pages = pages.filter(content_type_id__in=types[type_slug][1])
    shown = pages.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    ranked = (
        matches.filter(index_entry__object_id__in=shown)
        .annotate(score=BM25())
        .order_by("score", "index_entry__object_id")
        .values_list("index_entry__object_id", flat=True)
    )
    count = sum(by_content_type.get(pk, 0) for pk in types[type_slug][1]) if type_slug else sum(by_content_type.values())
    return RankedPages(ranked, count), by_content_type


def search_pages(pages, query, types, type_slug=""):
    """(results for the Paginator, {content type id: count}) for a backend query."""
    if connection.vendor == "sqlite" and get_search_backend().__class__.__name__ == "SQLiteSearchBackend":
        return _sqlite_search(pages, query, types, type_slug)
    results = pages.specific().search(query)  # one query per page type, not per result
    by_content_type = results.facet("content_type_id")
    if type_slug:
        results = pages.filter(content_type_id__in=types[type_slug][1]).specific().search(query)
    return results, by_content_type


def find(request, analysis, type_slug=""):
    """Search the site. All words must match; if nothing has them all, any will do."""
    pages = site_pages(request)
    types = page_types()
    operator = "and"
    results, by_content_type = search_pages(pages, analysis.backend_query(operator), types, type_slug)
    if not by_content_type and len(analysis.groups) > 1:
        operator = "or"
        results, by_content_type = search_pages(pages, analysis.backend_query(operator), types, type_slug)
    items = paginate(request, results, RESULTS_PER_PAGE)
    return items, _counts(by_content_type, types), operator


def _best_section(page, analysis, matcher):
    """The issue section that covers most of the query, then uses most of its
    different names (a section about a thing names it many ways), then has most
    hits: (heading, anchor, snippet), or None."""
    best, best_score = None, (0, 0, 0)
    for section in getattr(page, "sections", None) or []:
        text = _section_text(section)
        found = [phrase for _start, _end, phrase in hits(text, matcher)]
        score = (analysis.groups_found(found), len(set(found)), len(found))
        if score > best_score:
            best, best_score = (section["heading"], section["anchor"], snippet(text, matcher)), score
    return best


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


def describe(pages, analysis, request):
    """What each result shows: type, highlighted title, snippet, date and best section.

    `pages` are one page of specific results; building this makes no queries.
    """
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


def promotions(text):
    """Editors' picks for exactly this query, live public pages or external links."""
    query = Query.objects.filter(query_string=normalise_query_string(text)).first()
    if query is None:
        return []
    return list(
        SearchPromotion.objects.filter(query=query)
        .filter(Q(page__isnull=True) | Q(page__in=Page.objects.live().public()))
        .select_related("page")
    )


def log_query(text):
    """Count the query for Wagtail's search terms report: the words only, never who searched."""
    if text:
        Query.get(text).add_hit()


def services_directory():
    """The services app's index page (a direct child of the home page), if it exists yet."""
    return Page.objects.live().public().filter(content_type__app_label="services", depth=3).first()
