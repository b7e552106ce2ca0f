"""The dashboard panel for stories: stories waiting for moderation, and (only for
Story moderators and superusers) new submissions from readers. Nobody else learns
that any submission exists: the panel leaves that part out entirely, counts too.
At most four SQL queries, however many stories and submissions there are."""

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState, get_default_page_content_type

from core.dashboard import DashboardSection

from .models import StoryPage, StorySubmission

SHOWN = 8


def can_read_submissions(user):
    return user.has_perm("stories.view_storysubmission")


def stories_in_moderation():
    in_progress = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type_id=get_default_page_content_type().id,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return StoryPage.objects.filter(Exists(in_progress)).defer_streamfields().order_by("-latest_revision_created_at", "pk")


class StoriesPanel(Component):
    name = "peertalk_stories"
    template_name = "stories/admin/dashboard_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        waiting = stories_in_moderation()
        context = {
            "waiting": DashboardSection("waiting", "Stories waiting for moderation", waiting.count(), list(waiting[:SHOWN])),
            "submissions": None,
        }
        if can_read_submissions(user):
            new = StorySubmission.objects.filter(status=StorySubmission.NEW).order_by("-submitted_at")
            context["submissions"] = DashboardSection(
                "submissions", "New story submissions", new.count(), list(new.only("pk", "submitted_at")[:SHOWN]),
                filter="?status=new", advice="Read each one, then make a draft story from it or decline it.",
            )
        return context
