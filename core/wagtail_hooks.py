from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .rich_text import OneQueryPageLinkHandler
from .taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic


def _taxonomy_viewset(taxonomy, icon):
    return type(
        f"{taxonomy.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": taxonomy,
            "icon": icon,
            "list_display": ["name", "slug", "description"],
            "search_fields": ["name", "description"],
        },
    )


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Taxonomies"
    menu_icon = "tag"
    menu_order = 400
    items = (
        _taxonomy_viewset(Audience, "group"),
        _taxonomy_viewset(Topic, "tag"),
        _taxonomy_viewset(PeerSupportType, "resubmit"),
        _taxonomy_viewset(DeliveryMethod, "mail"),
        _taxonomy_viewset(Area, "site"),
    )


register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own page links (order 0)
def register_one_query_page_links(features):
    features.register_link_type(OneQueryPageLinkHandler)
