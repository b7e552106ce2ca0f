"""The editor guide in the admin's Help menu: one short page per task."""

import pytest
from django.contrib.auth.models import Group

from home.editor_guide import TASKS
from tests.conftest import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_help_menu_links_to_the_guide_and_not_to_wagtail_release_notes(client, editor):
    dashboard = client.get("/admin/").content.decode()  # the sidebar menu is JSON in the page
    assert "#PeerTalk editor guide" in dashboard and "/admin/guide/" in dashboard
    assert "What\\u0027s new in Wagtail" not in dashboard and "What's new in Wagtail" not in dashboard


def test_guide_lists_every_task_and_each_page_opens(client, editor):
    index = soup(client.get("/admin/guide/"))
    links = {a.get_text(): a["href"] for a in index.select(".peertalk-guide-list a")}
    assert set(links) == {
        "Put out a newsletter issue", "Add, cancel or postpone an event", "Review a service",
        "Publish a story from a submission", "Withdraw a story on request", "What the calendar feed does",
    }
    for task in TASKS:
        page = soup(client.get(links[task.title]))
        assert page.find("h1").get_text(strip=True) == task.title
        assert len(page.select("ol li")) == len(task.steps)


def test_an_unknown_guide_page_is_a_404(client, editor):
    assert client.get("/admin/guide/no-such-task/").status_code == 404


def test_visitors_must_log_in_to_read_the_guide(client):
    response = client.get("/admin/guide/")
    assert response.status_code == 302 and "/login/" in response["Location"]
