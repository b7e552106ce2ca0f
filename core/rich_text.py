"""Links to pages in rich text, read in one query (registered in wagtail_hooks.py).

Wagtail's handler reads the linked pages with `.specific()`: a query for their types, then
one per page type. Here every page type's table is joined into one query.
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .pages import as_own_type, own_types


class OneQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = own_types(Page.objects.filter(id__in=ids), defer_streamfields=True)
        by_id = {str(page.id): as_own_type(page) for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]
