"""A story submission in a real browser: a reader sends it, a Story moderator finds it on
the dashboard and makes a draft story, a reviewer approves it, and a plain editor can
open neither the submission nor the list."""

import pytest

from stories.models import StoryPage, StorySubmission
from tests.admin_browser import approve_and_publish, log_in, make_member, submit_for_moderation

pytestmark = pytest.mark.browser


def send_story(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/stories/share/")
    page.get_by_label("Your name, or the name you want us to use").fill("Robin")
    page.get_by_label("Your email address").fill("robin@example.org")
    page.get_by_label("Received peer support", exact=True).check()
    page.get_by_label("Your story, or an idea for one").fill("The twins club helped me feel less alone.")
    page.get_by_label("I agree that Kensington and Chelsea Mind may store").check()
    page.get_by_label("I agree that Kensington and Chelsea Mind may publish").check()
    page.get_by_role("button", name="Send your story").click()
    assert page.locator("h1").inner_text() == "Thank you for sharing your story"
    context.close()
    return StorySubmission.objects.get()


def test_submission_to_published_story(browser, seeded_live_server, django_user_model):
    moderator = make_member(django_user_model, "mod", "Editors", "Story moderators")
    reviewer = make_member(django_user_model, "rev", "Reviewers")
    editor = make_member(django_user_model, "ed", "Editors")
    submission = send_story(browser, seeded_live_server)

    mod = log_in(browser, seeded_live_server, moderator)
    new = mod.locator('[data-section="submissions"]')
    assert new.locator("h3").inner_text() == "New story submissions: 1"
    new.get_by_role("link", name=str(submission)).click()
    assert "The twins club helped me feel less alone." in mod.locator("main").inner_text()

    mod.goto(f"{seeded_live_server.url}/admin/stories/submissions/{submission.pk}/create-story/")
    mod.get_by_role("button", name="Create draft story").click()
    story = StoryPage.objects.get(slug=f"story-{submission.pk}")
    mod.wait_for_url(f"{seeded_live_server.url}/admin/pages/{story.pk}/edit/")
    # The draft holds none of the reader's words (stories.moderation): the text agreed
    # with the storyteller goes in as a draft revision, then the moderator titles it.
    draft = story.get_latest_revision_as_object()
    draft.body = [("rich_text", "<p>The twins club helped me feel less alone.</p>")]
    draft.save_revision(user=moderator)
    mod.reload()
    mod.locator("input[name=title]").fill("Less alone with twins")
    submit_for_moderation(mod)
    assert StoryPage.objects.get(pk=story.pk).workflow_in_progress

    rev = log_in(browser, seeded_live_server, reviewer)
    assert "Less alone with twins" in rev.locator('[data-section="waiting"]').inner_text()
    assert rev.locator('[data-section="submissions"]').count() == 0
    rev.goto(f"{seeded_live_server.url}/admin/pages/{story.pk}/edit/")
    approve_and_publish(rev)
    published = StoryPage.objects.get(pk=story.pk)
    assert published.live and published.title == "Less alone with twins"
    rev.goto(f"{seeded_live_server.url}{published.url}")
    assert rev.locator("h1").inner_text() == "Less alone with twins"

    ed = log_in(browser, seeded_live_server, editor)
    assert ed.locator('[data-section="submissions"]').count() == 0
    for url in [f"/admin/snippets/stories/storysubmission/inspect/{submission.pk}/",
                "/admin/snippets/stories/storysubmission/"]:
        ed.goto(f"{seeded_live_server.url}{url}")
        assert ed.url == f"{seeded_live_server.url}/admin/", url  # sent back to the dashboard
        assert "robin@example.org" not in ed.content() and "twins club helped" not in ed.content()
    for context in [mod.context, rev.context, ed.context]:
        context.close()
