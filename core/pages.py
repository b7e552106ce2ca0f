"""Page queries that cost one SQL query where Wagtail's defaults cost two or more.

- `private_q()`: Wagtail's `PageQuerySet.public()` first reads every view restriction,
  one query each time a listing is filtered; here the check is a subquery of the listing's own query.
- `view_restrictions(page)`: the restrictions over a page (on it or an ancestor, aliases
  resolved to their source) in one query instead of two; none at all for a page routed
  here, which knows already whether any restriction covers it.
- `child_on_path(parent, path_components)`: routing. The first page to route reads every page
  the rest of the path can name, each as its own type, in one query, however deep the path.
- `own_types(queryset)`, `as_own_type(page)`: pages as their own types, from one query that
  joins every page type's table, where Wagtail's `.specific()` costs one query per type.
"""

import functools

from django.db.models import BooleanField, Expression, F, Q
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet

from .compiled import CompiledQuery


class UnderViewRestriction(Expression):
    """True for a page in a private section: a view restriction sits on the page or on an
    ancestor, i.e. on a page whose tree path starts this page's path (`aliases=True`: or on
    a page one of whose aliases has such a path: the restrictions over an alias are its
    source's).

    On PostgreSQL, `path LIKE ANY(ARRAY(SELECT restricted path || '%' ...))`: the restricted
    paths are read once per query (an InitPlan), not per page, and the check is a filter on
    the page row. As a correlated NOT EXISTS, the planner made it an anti-join, and where a
    search checks its matches against the public pages (search/matching.py) it then chose to
    hash all 10,000 pages, each checked, before reading a match (17-19 ms a query, three
    queries a search) instead of looking up the 501 pages of the matches read by their
    primary key (EXPLAIN ANALYZE at 10,000 pages). Elsewhere, and with aliases, a correlated
    EXISTS.

    The subquery is written here as SQL, around the page's own path column as Django
    compiles it: resolving and compiling it as a queryset cost 0.25-0.4 ms in every query
    that used it, several queries a page. Its aliases (`vr_*`) are its own, so it nests
    in any query, subqueries included."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, aliases=False):
        super().__init__()
        self.aliases = aliases
        self.path = F("path")

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, expressions):
        (self.path,) = expressions

    def as_sql(self, compiler, connection):
        path, params = compiler.compile(self.path)
        restrictions, pages, column = _restriction_tables(connection)
        covered = f"vr_page.{column['path']} = SUBSTR({path}, 1, LENGTH(vr_page.{column['path']}))"
        joins = f"{restrictions} vr INNER JOIN {pages} vr_page ON (vr.{column['page_id']} = vr_page.{column['id']})"
        if self.aliases:
            joins += f" LEFT OUTER JOIN {pages} vr_alias ON (vr_page.{column['id']} = vr_alias.{column['alias_of_id']})"
            covered = f"({covered} OR vr_alias.{column['path']} = SUBSTR({path}, 1, LENGTH(vr_alias.{column['path']})))"
            params = (*params, *params)
        return f"EXISTS(SELECT 1 FROM {joins} WHERE {covered})", tuple(params)

    def as_postgresql(self, compiler, connection):
        if self.aliases:
            return self.as_sql(compiler, connection)
        path, params = compiler.compile(self.path)
        restrictions, pages, column = _restriction_tables(connection)
        prefixes = (f"SELECT vr_page.{column['path']} || %s FROM {restrictions} vr "
                    f"INNER JOIN {pages} vr_page ON (vr.{column['page_id']} = vr_page.{column['id']})")
        return f"({path} LIKE ANY(ARRAY({prefixes})))", (*params, "%")


def _restriction_tables(connection):
    """The quoted names of the view restriction and page tables and of the columns used."""
    quote = connection.ops.quote_name
    columns = {"path": Page._meta.get_field("path").column, "id": Page._meta.pk.column,
               "alias_of_id": Page._meta.get_field("alias_of").column,
               "page_id": PageViewRestriction._meta.get_field("page").column}
    return (quote(PageViewRestriction._meta.db_table), quote(Page._meta.db_table),
            {name: quote(column) for name, column in columns.items()})


# private_q() and restricted_q() are built once per process: Django copies an expression
# whenever a query uses it, so one object serves every query.


@functools.cache
def private_q():
    """Pages in a private section (see UnderViewRestriction)."""
    return Q(UnderViewRestriction())


class PublicInOneQueryPageQuerySet(PageQuerySet):
    def private_q(self):
        return private_q()

    def listed(self):
        """Live, public pages as listings read them (see `listed()`), with the card image
        joined for a page type whose cards show it. Page types add their order and what their
        cards read with them (EventPage.objects.listed(), ServicePage..., StoryPage...)."""
        return with_card_image(listed(self.live().public()))


def public(queryset):
    """`queryset.public()` for any page queryset (e.g. Page.objects), without the extra query."""
    return queryset.exclude(private_q())


@functools.cache
def restricted_q():
    """Pages some view restriction covers: one on the page or an ancestor, or on the source of
    an alias that is (as `view_restrictions` finds them)."""
    return UnderViewRestriction(aliases=True)


def view_restrictions(page):
    """The view restrictions over `page`; none, without asking, when routing found it has none."""
    if getattr(page, "view_restricted", None) is False:
        return []
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__aliases__path__in=paths)).distinct()


@functools.cache
def direct_page_types():
    """The page types that extend Page directly: a Page query can join each one's table.
    Fixed once the apps are loaded, so worked out once (as_own_type asks for every page)."""
    return tuple(model for model in get_page_models() if list(model._meta.parents) == [Page])


def own_type_joins(models=None):
    """select_related() names that bring each page's own type along (the tables of `models`,
    direct page types, or of every direct page type, joined): one query where `.specific()`
    costs one per type."""
    return [model._meta.model_name for model in (direct_page_types() if models is None else models)]


def own_types(queryset, defer_streamfields=False, models=None):
    """`queryset` (of Page) with each page's own type joined, for `as_own_type`: one query
    however many page types it holds. `defer_streamfields` leaves their bodies unread.
    `models`: the page types the pages can be, when known: only their tables are joined
    (a join of every type's table costs PostgreSQL ~4 ms to plan, Django as much to build)."""
    joined = [model for model in direct_page_types() if models is None or model in models]
    queryset = queryset.select_related(*own_type_joins(models=joined))
    if defer_streamfields:
        queryset = queryset.defer(*[f"{model._meta.model_name}__{name}" for model in joined
                                    for name in model.get_streamfield_names()])
    return queryset


def as_own_type(page):
    """`page` as its own type, taken from the join own_type_joins() made (else, for a
    page type further down, Wagtail's `.specific`: a query)."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    if model not in direct_page_types():
        return page.specific
    specific = getattr(page, model._meta.model_name)
    for name in ("_cached_parent_obj", "view_restricted"):  # what the base page knew already
        if hasattr(page, name):
            setattr(specific, name, getattr(page, name))
    return specific


def pages_on_path(parent, path_components):
    """{url_path: page} of the pages under `parent` that the path can name, level by level,
    each as its own type and knowing whether a view restriction covers it."""
    url_paths = [parent.url_path + "".join(f"{name}/" for name in path_components[:n])
                 for n in range(1, len(path_components) + 1)]
    pages = _PAGES_ON_PATH(url_paths, parent.path, parent.depth)
    return {page.url_path: page for page in pages}


# Routing's query: pages by address under a parent, each joined to its own type's table and
# knowing whether a view restriction covers it. Compiled once per process and path depth:
# building and compiling its eleven joins and subquery cost 2-3 ms a request.
_PAGES_ON_PATH = CompiledQuery(
    lambda url_paths, parent_path, parent_depth: (
        Page.objects.select_related(*own_type_joins())
        .annotate(view_restricted=restricted_q())
        .filter(url_path__in=url_paths, path__startswith=parent_path, depth__gt=parent_depth)
        .order_by()  # kept by address: sorting them by path (Page's default) is work for nothing
    )
)


def child_on_path(parent, path_components):
    """The child of `parent` that `path_components[0]` names, as its own type, or None.

    The pages on the rest of the path come along, handed from each page to the child it
    routes to, so the whole path costs one query. A child's url_path is its parent's
    plus its slug, which Wagtail keeps true when pages are saved or moved."""
    found = getattr(parent, "_pages_on_path", None)
    if found is None:
        found = pages_on_path(parent, path_components)
    child = found.get(f"{parent.url_path}{path_components[0]}/")
    if child is None or child.path[: -Page.steplen] != parent.path:
        return None
    child._cached_parent_obj = parent  # as Wagtail's route does: get_parent() needs no query
    child = as_own_type(child)
    child._pages_on_path = found
    return child


# Page's columns for editing and publishing (revisions, locks, scheduling, aliases, owner):
# no card, listing, menu or page address reads them. Left out of listings, they
# are 16 of Page's 31 columns Django no longer compiles into each query nor loads per row.
EDITING_COLUMNS = (
    "numchild", "translation_key", "latest_revision", "has_unpublished_changes", "last_published_at",
    "live_revision", "go_live_at", "expire_at", "expired", "locked", "locked_at", "locked_by", "draft_title",
    "owner", "latest_revision_created_at", "alias_of",
)


def listed(queryset):
    """`queryset` (of pages) as listings, cards and menus read it: without its StreamFields,
    Page's editing columns (EDITING_COLUMNS) and the fields its page type says its cards never
    read (`card_unread_fields`). Reading one of those later costs a query a page."""
    return queryset.defer_streamfields().defer(*EDITING_COLUMNS, *getattr(queryset.model, "card_unread_fields", ()))


def with_card_image(queryset):
    """`queryset` with each page's card image joined, for a page type whose cards show it
    (`card_shows_image`); the others leave the image table unjoined."""
    if getattr(queryset.model, "card_shows_image", True):
        return queryset.select_related("listing_image")
    return queryset


def card_pages(queryset):
    """Pages as cards show them: no StreamFields, the card image joined (with_card_image), and
    knowing whether they are private (`is_private`), so a listing can leave those out unasked."""
    return listed(with_card_image(queryset)).annotate(is_private=private_q())


def card_pages_by_id(model, ids):
    """{id: page} of the `model` pages with these ids, as card_pages() reads them. A listing
    block's picked pages are read on every render: the query is compiled once per process
    and number of pages (see core.compiled)."""
    if not ids:  # an empty chooser (search results leave every one empty): nothing to build
        return {}
    return {page.pk: page for page in _card_pages_of(model)([int(id_) for id_ in ids])}


@functools.cache
def _card_pages_of(model):
    return CompiledQuery(lambda ids: card_pages(model.objects.order_by()).filter(pk__in=ids))


def listable(pages, model):
    """The pages an editor picked that a listing may show (live and public), in the order
    picked. Pages `card_pages` loaded know already; others (a preview's, from the editing
    form) are read again, in one query."""
    pages = [page for page in pages if page is not None]
    if any(not hasattr(page, "is_private") for page in pages):
        by_id = card_pages_by_id(model, [page.pk for page in pages])
        pages = [by_id[page.pk] for page in pages if page.pk in by_id]
    return [page for page in pages if page.live and not page.is_private]
