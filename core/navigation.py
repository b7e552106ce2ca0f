"""The site's top-level pages, read once per request.

The main navigation, the footer, the 404 page and the listing blocks' "see all"
links all point at pages directly under the home page. They share one query,
kept on the request, instead of each hard-coding an address like "/events/".
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from .compiled import CompiledQuery
from .pages import listed, public

_CACHE_ATTRIBUTE = "_peertalk_top_pages"


def top_pages(request):
    """Live, public children of the site's home page, in menu order (cached per request)."""
    if request is None:
        return []
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = list(_menu_children(site.root_page)) if site and not site.root_page.is_leaf() else []
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


# Live, public pages as menus read them, in tree order, under a parent as treebeard's
# get_children() finds them: compiled once per process (see core.compiled).
_MENU_CHILDREN = CompiledQuery(
    lambda depth, first_path, last_path: public(listed(Page.objects.live()))
    .filter(depth=depth, path__range=(first_path, last_path)).order_by("path")
)


def _menu_children(parent):
    """The live, public children of `parent`, filtered as treebeard's get_children() filters them."""
    return _MENU_CHILDREN(parent.depth + 1, *Page._get_children_path_interval(parent.path))


def page_url_by_slug(request, slug):
    """The address of the top-level page with this slug, or "" if there is none."""
    for page in top_pages(request):
        if page.slug == slug:
            return page.get_url(request)
    return ""


def section_url(request, page_model):
    """The address of the top-level page of this type (a section's index), or ""."""
    content_type = ContentType.objects.get_for_model(page_model)  # cached by Django
    for page in top_pages(request):
        if page.content_type_id == content_type.pk:
            return page.get_url(request)
    return ""


def breadcrumb_ancestors(request, page):
    """The live pages above `page`, from the home page down. For pages up to two levels under
    the home page they are the site's home page and a top-level page this request has already
    read (top_pages), so breadcrumbs cost no query; deeper pages ask the database."""
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    if home is not None and home.depth == 2 and page.depth in (3, 4) and page.path.startswith(home.path):
        chain = [home]
        if page.depth == 4:
            parent_path = page.path[: -Page.steplen]
            parent = next((top for top in top_pages(request) if top.path == parent_path), None)
            if parent is not None:
                chain.append(parent)
            else:  # not public, so not in the menu pages: ask
                chain = None
        if chain is not None:
            return [ancestor for ancestor in chain if ancestor.live]
    return list(page.get_ancestors().filter(depth__gt=1).live())
