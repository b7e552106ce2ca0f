"""Admin additions for what `home` composes: the newsletter issues list, the latest-issue
dashboard panel, the email edition's preview and test send, and the editor guide."""

from django.contrib import admin
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Revision
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import editor_guide, email_views
from .dashboard import LatestIssuePanel
from .models import NewsletterIssuePage


@hooks.register("construct_homepage_panels")
def add_latest_issue_panel(request, panels):
    panels.append(LatestIssuePanel())


class NewsletterIssueAdmin(ModelAdmin):
    """The "Newsletter issues" menu: every issue, newest first, with its status."""

    model = NewsletterIssuePage
    menu_label = "Newsletter issues"
    menu_icon = "doc-full"
    menu_order = 190
    add_to_admin_menu = True
    list_display = ("title", "issue_number", "publication_date", "publishing_status", "live")
    list_filter = ("live",)
    list_export = ("title", "issue_number", "publication_date", "publishing_status", "live")
    export_filename = "newsletter-issues"
    search_fields = ("title", "standfirst")
    ordering = ("-publication_date", "-issue_number", "-pk")

    def get_queryset(self, request):
        scheduled = Revision.objects.filter(
            content_type__app_label="home", content_type__model="newsletterissuepage",
            object_id=Cast(OuterRef("pk"), output_field=CharField()), approved_go_live_at__isnull=False,
        )
        return super().get_queryset(request).defer_streamfields().annotate(is_scheduled=Exists(scheduled))

    @admin.display(description="status")
    def publishing_status(self, issue):
        if issue.is_scheduled:
            return "Scheduled"
        if issue.live:
            return "Live, with unpublished changes" if issue.has_unpublished_changes else "Live"
        return "Draft"


modeladmin_register(NewsletterIssueAdmin)


@hooks.register("register_admin_urls")
def editor_guide_urls():
    return [
        path("guide/", editor_guide.guide_index, name="editor_guide"),
        path("guide/<slug:slug>/", editor_guide.guide_task, name="editor_guide_task"),
    ]


@hooks.register("register_help_menu_item")
def editor_guide_menu_item():
    return MenuItem("#PeerTalk editor guide", reverse("editor_guide"), icon_name="help", order=100,
                    name="peertalk-editor-guide")


@hooks.register("construct_help_menu")
def leave_out_wagtail_release_notes(request, menu_items):
    """'What's new in Wagtail' is for developers and opens another site: editors found it confusing."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith("whats-new-in-wagtail")]


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
