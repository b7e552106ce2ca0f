"""Admin actions on a story submission: each checks the moderator's permissions
itself, and changes things only on POST (with CSRF)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages

from .models import StorySubmission
from .moderation import can_create_story, create_draft_story, withdraw

LISTING = "wagtailsnippets_stories_storysubmission:list"


def create_story(request, pk):
    if not can_create_story(request.user):
        raise PermissionDenied
    submission = get_object_or_404(StorySubmission, pk=pk)
    if submission.story_page_id:
        messages.warning(request, "A story has already been made from this submission.")
        return redirect("wagtailadmin_pages:edit", submission.story_page_id)
    if request.method == "POST":
        story = create_draft_story(submission, request.user)
        messages.success(
            request,
            "Draft story created. Type in the story and byline as agreed with the storyteller, leaving out "
            "anything that could identify someone, then submit it for moderation.",
        )
        return redirect("wagtailadmin_pages:edit", story.pk)
    return _confirm(request, submission, "create")


def withdraw_submission(request, pk):
    if not request.user.has_perm("stories.delete_storysubmission"):
        raise PermissionDenied
    submission = get_object_or_404(StorySubmission.objects.select_related("story_page"), pk=pk)
    if request.method == "POST":
        withdraw(submission, request.user)
        messages.success(request, "The submission, and any story made from it, has been deleted.")
        return redirect(LISTING)
    return _confirm(request, submission, "withdraw")


def _confirm(request, submission, action):
    return TemplateResponse(
        request,
        "stories/admin/confirm.html",
        {"submission": submission, "action": action, "cancel_url": reverse(LISTING)},
    )
