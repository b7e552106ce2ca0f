"""Links to pages in rich text, read in one query (registered in wagtail_hooks.py).

Wagtail's handler reads the linked pages with `.specific()`: a query for their types, then
one per page type, for the one thing it uses: each page's address. That comes from Page's
own fields (no page type here builds its address another way), so the pages are read as
Page and made their own type with those fields only (`specific_deferred`, no query).
The addresses are built from the site root paths the request has read (core.sites), not
asked of Wagtail's cache once per rich text block with a link.
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .compiled import CompiledQuery
from .sites import request_root_paths

# Compiled once per process and number of links (see core.compiled).
_PAGES_BY_ID = CompiledQuery(lambda ids: Page.objects.filter(id__in=ids).order_by())


class OneQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        root_paths = request_root_paths()
        by_id = {}
        for page in _PAGES_BY_ID([int(id_) for id_ in ids if str(id_).isdigit()]):
            page = by_id[str(page.id)] = page.specific_deferred
            if root_paths is not None:
                page._wagtail_cached_site_root_paths = root_paths  # where get_url looks first
        return [by_id.get(str(id_)) for id_ in ids]
