"""What moderators do with a submission: turn it into a draft story, or delete
it (and any story made from it) when the storyteller withdraws."""

from django.db import connection, transaction
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import PageLogEntry

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


def draft_title(submission):
    """A draft's title before a moderator words it: the submission's number, never the storyteller's name."""
    return f"Story from submission {submission.pk}"


@transaction.atomic
def create_draft_story(submission, user):
    """An empty draft StoryPage for a submission, ready for a moderator to fill in.

    Every editor can open every page in Wagtail (the default Editors group may
    edit the whole tree, and page permissions only ever add), so nothing the
    reader sent is copied onto the page: not their story, not their name, not
    their email. The moderator reads the submission (only Story moderators can)
    and types in the story as agreed with the storyteller, with anything that
    could identify someone left out. Role, topics, matching directory pages and
    the consent record are prefilled: they say nothing about who sent it."""
    index = StoryIndexPage.objects.get()
    story = StoryPage(
        title=draft_title(submission),
        slug=f"story-{submission.pk}",
        byline="Anonymous",
        role=submission.role,
        story_date=timezone.localdate(),
        body=[],
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


ERASED_LABEL = "A story withdrawn or past its keeping time"


@transaction.atomic
def erase(submission, user=None):
    """Delete a submission and any story page made from it, with what Wagtail keeps
    about that page: its revisions, comments and workflow (deleted with it), its
    search index entry (removed by Wagtail's delete signal) and its history, whose
    entries stay (so the site history shows that something was deleted) but lose
    the titles and details that could name the storyteller."""
    story = submission.story_page
    submission.delete()
    if story is None:
        return
    page_id = story.pk
    DeletePageAction(story.specific, user=user).execute(skip_permission_checks=True)
    PageLogEntry.objects.filter(page_id=page_id).update(label=ERASED_LABEL, data={})
    compact_search_index()


def compact_search_index():
    """SQLite's full-text index keeps deleted words in its segments until they are
    merged: merge them now, so the words are gone from the file too."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
        )
        for (table,) in cursor.fetchall():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"INSERT INTO {quoted}({quoted}) VALUES ('optimize')")


def withdraw(submission, user):
    """Delete on request: the submission and any story page made from it, live or not."""
    erase(submission, user)
