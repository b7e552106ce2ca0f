"""Links to pages in rich text, read in one query (registered in wagtail_hooks.py).

Wagtail's handler reads the linked pages with `.specific()`: a query for their types, then
one per page type, for the one thing it uses: each page's address. That comes from Page's
own fields (no page type here builds its address another way), so the pages are read as
Page and made their own type with those fields only (`specific_deferred`, no query).
"""

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class OneQueryPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        by_id = {str(page.id): page.specific_deferred for page in Page.objects.filter(id__in=ids).order_by()}
        return [by_id.get(str(id_)) for id_ in ids]
