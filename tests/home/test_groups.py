"""The three groups come from a data migration, so they work on a site set up with
`migrate` alone: no load_seed here. Each test drives the admin as a member of one
group and shows what it can and cannot reach."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site, TaskState, Workflow

from events.models import EventIndexPage, EventPage
from home.models import HomePage
from services.models import ServiceIndexPage, ServicePage
from stories.models import StoryIndexPage, StoryPage, StorySubmission

pytestmark = pytest.mark.django_db

SUBMISSIONS = "/admin/snippets/stories/storysubmission/"


@pytest.fixture
def site(db):
    """A bare site built in code, as an editor would build it after `migrate` (the
    session's seed site is deleted first, inside this test's transaction): the groups
    must work without anything `load_seed` does."""
    for seeded_home in HomePage.objects.all():
        seeded_home.delete()
    assert not HomePage.objects.exists()
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=HomePage(title="Home", slug="peertalk-home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    events = home.add_child(instance=EventIndexPage(title="Dates for the diary", slug="events"))
    services = home.add_child(instance=ServiceIndexPage(title="Find local peer support", slug="services"))
    stories = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    event = events.add_child(instance=EventPage(title="Carers meet", slug="carers-meet", summary="A meeting.",
                                                start=timezone.now() + datetime.timedelta(days=3)))
    service = services.add_child(instance=ServicePage(title="Tamba", slug="tamba", organisation_name="Tamba",
                                                        summary="Twins support."))
    submission = StorySubmission.objects.create(
        email="robin@example.org", role="received", story="Private words.", consent_version="v1",
        health_consent_text="Yes.", publish_consent_text="Yes.",
    )
    return dict(home=home, events=events, services=services, stories=stories, event=event, service=service,
                submission=submission)


def member(django_user_model, name, *groups):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(*Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups)
    return user


def denied(response):
    """Wagtail answers a missing permission with a 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def settings_open(client, model, app="home"):
    """Whether the settings form for `model` opens (settings URLs first redirect to the site's own)."""
    response = client.get(f"/admin/settings/{app}/{model}/", follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(f"/admin/settings/{app}/{model}/")


def submission_urls(pk):
    return [SUBMISSIONS, f"{SUBMISSIONS}inspect/{pk}/", f"{SUBMISSIONS}edit/{pk}/", f"{SUBMISSIONS}?export=csv",
            f"{SUBMISSIONS}?export=xlsx", f"/admin/stories/submissions/{pk}/create-story/",
            f"/admin/stories/submissions/{pk}/withdraw/"]


def test_migrations_alone_make_exactly_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) == {"Editors", "Reviewers", "Story moderators"}


def test_editor_writes_pages_but_cannot_publish_or_reach_submissions(client, site, django_user_model):
    editor = member(django_user_model, "ed", "Editors")
    client.force_login(editor)

    assert client.get(f"/admin/pages/add/events/eventpage/{site['events'].pk}/").status_code == 200
    edit = client.get(f"/admin/pages/{site['service'].pk}/edit/")
    assert edit.status_code == 200
    assert b'name="action-submit"' in edit.content
    assert b'name="action-publish"' not in edit.content
    assert denied(client.get(f"/admin/pages/{site['event'].pk}/unpublish/"))
    assert denied(client.get(f"/admin/pages/{site['event'].pk}/delete/"))

    for url in submission_urls(site["submission"].pk):
        response = client.get(url)
        assert denied(response), url
        assert b"Private words" not in response.content and b"robin@example.org" not in response.content
    assert denied(client.post(f"/admin/stories/submissions/{site['submission'].pk}/withdraw/"))
    assert StorySubmission.objects.filter(pk=site["submission"].pk).exists()

    assert not settings_open(client, "sitesettings", app="core")
    assert settings_open(client, "writingchecksettings")
    assert denied(client.get("/admin/groups/"))
    assert denied(client.get("/admin/users/"))


def test_reviewer_approves_and_publishes_but_cannot_reach_submissions(client, site, django_user_model):
    editor = member(django_user_model, "ed", "Editors")
    reviewer = member(django_user_model, "rev", "Reviewers")
    event = site["event"]
    event.save_revision(user=editor)
    Workflow.objects.get(name="Moderators approval").start(event, editor)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(reviewer)

    assert b'name="action-publish"' in client.get(f"/admin/pages/{event.pk}/edit/").content
    response = client.post(
        f"/admin/pages/workflow/action/{event.pk}/approve/{task_state.pk}/", {"comment": "Looks right."}
    )
    assert response.status_code in (200, 302)
    assert EventPage.objects.get(pk=event.pk).live

    assert settings_open(client, "sitesettings", app="core")
    for url in submission_urls(site["submission"].pk):
        assert denied(client.get(url)), url
    assert denied(client.get("/admin/groups/"))


def test_an_editor_cannot_approve_a_page_in_moderation(client, site, django_user_model):
    editor = member(django_user_model, "ed", "Editors")
    other = member(django_user_model, "ed2", "Editors")
    event = site["event"]
    event.save_revision(user=editor)
    Workflow.objects.get(name="Moderators approval").start(event, editor)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(other)
    response = client.post(f"/admin/pages/workflow/action/{event.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert denied(response)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_story_moderator_reads_submissions_and_works_only_on_stories(client, site, django_user_model):
    moderator = member(django_user_model, "mod", "Story moderators")
    client.force_login(moderator)
    pk = site["submission"].pk

    assert b"Private words" in client.get(f"{SUBMISSIONS}inspect/{pk}/").content
    export = client.get(f"{SUBMISSIONS}?export=csv")
    assert export.status_code == 200 and b"robin@example.org" in b"".join(export.streaming_content)
    assert client.get(f"/admin/pages/add/stories/storypage/{site['stories'].pk}/").status_code == 200
    response = client.post(f"/admin/stories/submissions/{pk}/create-story/")
    story = StoryPage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert story.permissions_for_user(moderator).can_publish()

    assert denied(client.get(f"/admin/pages/add/events/eventpage/{site['events'].pk}/"))
    assert denied(client.get(f"/admin/pages/{site['service'].pk}/edit/"))
    assert not settings_open(client, "sitesettings", app="core")


def test_no_one_but_a_superuser_manages_people(client, site, django_user_model):
    for name, group in [("ed", "Editors"), ("rev", "Reviewers"), ("mod", "Story moderators")]:
        client.force_login(member(django_user_model, name, group))
        assert denied(client.get("/admin/users/")), group
        assert denied(client.get("/admin/groups/")), group
