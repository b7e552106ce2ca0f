from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import email_views
from .models import NewsletterIssuePage
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


# Email edition of newsletter issues: preview and test send (home/email_views.py).


@hooks.register("register_admin_urls")
def email_edition_urls():
    return [
        path("issues/<int:page_id>/email/", email_views.preview, name="issue_email_preview"),
        path("issues/<int:page_id>/email/send-test/", email_views.send_test, name="issue_email_send_test"),
    ]


def _email_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(page), NewsletterIssuePage) or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        "Preview email edition",
        reverse("issue_email_preview", args=[page.pk]),
        icon_name="view",
        priority=priority,
        attrs={"target": "_blank", "rel": "noopener"},
    )
    yield Button("Send a test to me", reverse("issue_email_send_test", args=[page.pk]), icon_name="mail", priority=priority + 1)


@hooks.register("register_page_header_buttons")
def email_header_buttons(page, user, view_name, next_url=None):
    yield from _email_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def email_listing_buttons(page, user, next_url=None):
    yield from _email_buttons(page, user, priority=80)
