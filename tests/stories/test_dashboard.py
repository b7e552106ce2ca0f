"""The "Stories" dashboard panel: stories waiting for moderation for everyone, new
submissions only for Story moderators and superusers, in a fixed number of queries."""

import pytest
from django.utils import timezone
from wagtail.models import Workflow

from stories.dashboard import StoriesPanel
from stories.models import StoryPage, StorySubmission
from tests.dashboard import panel_soup, render_panel, section

from .conftest import make_user


def story(index, title):
    page = StoryPage(title=title, slug=title.lower().replace(" ", "-"), byline="Sam", role="received",
                     story_date=timezone.localdate(), live=False)
    index.add_child(instance=page)
    page.save_revision()
    return page


def submit_for_moderation(page, user):
    Workflow.objects.get(name="Moderators approval").start(page, user)


def submission(**fields):
    return StorySubmission.objects.create(
        email="robin@example.org", role="received", story="My story.", consent_version="v1",
        health_consent_text="Yes.", publish_consent_text="Yes.", **fields
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def test_stories_waiting_for_moderation_link_to_the_editor(story_index, superuser):
    waiting = story(story_index, "Waiting story")
    story(story_index, "Still a draft")
    submit_for_moderation(waiting, superuser)

    html = panel_soup(StoriesPanel(), superuser)

    assert section(html, "waiting") == "Stories waiting for moderation: 1 Waiting story"
    assert html.find("a", string="Waiting story")["href"] == f"/admin/pages/{waiting.pk}/edit/"


def test_moderators_and_superusers_see_new_submissions(story_index, moderator, superuser):
    new = submission()
    submission(status=StorySubmission.DECLINED)
    for user in (moderator, superuser):
        html = panel_soup(StoriesPanel(), user)
        assert section(html, "submissions").startswith("New story submissions: 1 Submission")
        link = html.select_one('[data-section="submissions"] li a')
        assert link["href"] == f"/admin/snippets/stories/storysubmission/inspect/{new.pk}/"


def test_an_editor_is_not_told_that_any_submission_exists(story_index, editor):
    submission()
    text = render_panel(StoriesPanel(), editor)
    assert "Stories waiting for moderation" in text
    assert "submission" not in text.lower()


def test_the_dashboard_shows_a_moderator_the_submissions(client, story_index, moderator):
    submission()
    client.force_login(moderator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"New story submissions: 1" in response.content


@pytest.mark.parametrize("n", [9, 45])
def test_panel_takes_the_same_queries_for_few_and_many_stories(story_index, n, django_user_model,
                                                               django_assert_num_queries):
    moderator = make_user(django_user_model, "mod2", "Story moderators", "Editors")
    for i in range(n // 3):
        submit_for_moderation(story(story_index, f"Story {i}"), moderator)
        story(story_index, f"Draft {i}")
        submission()
    moderator = type(moderator).objects.get(pk=moderator.pk)
    render_panel(StoriesPanel(), moderator)  # load the user's permissions once, as the request would
    with django_assert_num_queries(4):
        panel_soup(StoriesPanel(), moderator)
