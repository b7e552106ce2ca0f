"""What moderators do with a submission: turn it into a draft story, or delete
it (and any story made from it) when the storyteller withdraws."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import linebreaks
from wagtail.actions.delete_page import DeletePageAction

from services.models import ServicePage

from .models import StoryIndexPage, StoryPage, StorySubmission, StorySupportLink


def can_create_story(user):
    index = StoryIndexPage.objects.first()
    return bool(
        index
        and user.has_perm("stories.change_storysubmission")
        and index.permissions_for_user(user).can_add_subpage()
    )


def _matching_service_pages(text):
    """Directory pages whose title is one of the comma-separated names the reader gave."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    pages = []
    for name in names[:10]:
        page = ServicePage.objects.live().filter(title__iexact=name).first()
        if page:
            pages.append(page)
    return pages


@transaction.atomic
def create_draft_story(submission, user):
    """A draft StoryPage prefilled from the submission. The contact email stays
    on the submission: the page never holds it."""
    index = StoryIndexPage.objects.get()
    story = StoryPage(
        title=f"A story from {submission.byline}",
        slug=f"story-{submission.pk}",
        byline=submission.byline,
        role=submission.role,
        story_date=timezone.localdate(),
        body=[("rich_text", linebreaks(submission.story, autoescape=True))],
        consent_given_at=submission.consented_at,
        consent_version=submission.consent_version,
        live=False,
        owner=user,
    )
    story.topics = list(submission.topics.all())
    story.support_links = [StorySupportLink(page=page) for page in _matching_service_pages(submission.support_that_helped)]
    index.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    submission.story_page = story
    submission.status = StorySubmission.STORY_CREATED
    submission.save(update_fields=["story_page", "status"])
    return story


@transaction.atomic
def withdraw(submission, user):
    """Delete on request: the submission and any story page made from it."""
    story = submission.story_page
    submission.delete()
    if story is not None:
        DeletePageAction(story.specific, user=user).execute(skip_permission_checks=True)
