from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_views
from .dashboard import StoriesPanel
from .exports import FormulaSafeCsvMixin
from .models import ContentNote, StoryPage, StorySubmission


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from readers through the form: nobody adds or copies one
    in the admin. Everything else follows the model permissions, which only the
    "Story moderators" group (and superusers) hold."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


class SubmissionIndexView(FormulaSafeCsvMixin, IndexView):
    """Readers' text goes into the export: never let it run as a spreadsheet formula."""


class StorySubmissionViewSet(SnippetViewSet):
    model = StorySubmission
    index_view_class = SubmissionIndexView
    icon = "mail"
    menu_label = "Story submissions"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["__str__", "byline", "role", "status", "submitted_at"]
    list_filter = ["status", "role"]
    list_export = [
        "pk", "submitted_at", "name", "email", "role", "story", "support_that_helped",
        "consented_at", "consent_version", "status", "moderator_notes",
    ]
    export_filename = "story-submissions"
    inspect_view_fields = [
        "submitted_at", "name", "email", "role", "story", "topics", "support_that_helped", "consented_at",
        "consent_version", "health_consent_text", "publish_consent_text", "status", "moderator_notes", "story_page",
    ]

    @property
    def permission_policy(self):
        return SubmissionPermissionPolicy(self.model)


class ContentNoteViewSet(SnippetViewSet):
    model = ContentNote
    icon = "warning"
    menu_label = "Content notes"
    list_display = ["name", "slug"]


register_snippet(StorySubmissionViewSet)
register_snippet(ContentNoteViewSet)


class StoryPageAdmin(ModelAdmin):
    """The "Stories" menu: every story page, filterable for editors."""

    model = StoryPage
    menu_label = "Stories"
    menu_icon = "openquote"
    menu_order = 200
    list_display = ("title", "byline", "role", "story_date", "live")
    list_filter = ("role", "topics", "live")
    search_fields = ("title", "byline")
    ordering = ("-story_date",)
    list_export = ("title", "byline", "role", "story_date", "live")
    export_filename = "stories"


modeladmin_register(StoryPageAdmin)


@hooks.register("register_admin_urls")
def story_submission_urls():
    return [
        path("stories/submissions/<int:pk>/create-story/", admin_views.create_story, name="stories_create_story"),
        path("stories/submissions/<int:pk>/withdraw/", admin_views.withdraw_submission, name="stories_withdraw"),
    ]


@hooks.register("register_snippet_listing_buttons")
def story_submission_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, StorySubmission):
        return []
    buttons = []
    if not snippet.story_page_id and user.has_perm("stories.change_storysubmission"):
        buttons.append(ListingButton(
            "Create draft story", reverse("stories_create_story", args=[snippet.pk]), icon_name="doc-empty-inverse",
            priority=5,
        ))
    if user.has_perm("stories.delete_storysubmission"):
        buttons.append(ListingButton(
            "Withdraw: delete on request", reverse("stories_withdraw", args=[snippet.pk]), icon_name="bin",
            priority=90,
        ))
    return buttons


@hooks.register("construct_homepage_panels")
def add_stories_panel(request, panels):
    panels.append(StoriesPanel())
