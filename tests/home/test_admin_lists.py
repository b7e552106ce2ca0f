"""The admin lists editors use: newsletter issues with their status, and a CSV
export on every list (issues, events, services, stories)."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from home.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory
from home.models import NewsletterIndexPage
from home.seed import ensure_home_page
from services.factories import ServiceIndexPageFactory, ServicePageFactory
from services.models import ServiceIndexPage
from stories.models import StoryIndexPage, StoryPage
from tests.conftest import soup, without_seeded


@pytest.fixture
def boss(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    return client


@pytest.fixture
def issues(db):
    without_seeded(NewsletterIndexPage)
    index = NewsletterIndexPageFactory(parent=ensure_home_page())
    NewsletterIssuePageFactory(parent=index, title="June issue", issue_number=7, publication_date=datetime.date(2026, 6, 1))
    NewsletterIssuePageFactory(parent=index, title="July issue", issue_number=8, live=False,
                               publication_date=datetime.date(2026, 7, 1))
    august = NewsletterIssuePageFactory(parent=index, title="August issue", issue_number=9, live=False,
                                        publication_date=datetime.date(2026, 8, 1))
    august.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=3))
    return index


def exported(client, url):
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_issue_list_shows_number_date_status_and_live(boss, issues):
    page = soup(boss.get("/admin/home/newsletterissuepage/"))
    rows = [" ".join(row.get_text(" ").split()) for row in page.select("tbody tr")]
    assert rows[0].startswith("August issue") and "9" in rows[0] and "Scheduled" in rows[0]
    assert rows[1].startswith("July issue") and "Draft" in rows[1]
    assert rows[2].startswith("June issue") and "Live" in rows[2]


def test_issue_list_is_in_the_admin_menu(boss, issues):
    menu = boss.get("/admin/").content.decode()  # the sidebar is drawn from JSON in the page
    assert "Newsletter issues" in menu and "/admin/home/newsletterissuepage/" in menu


def test_issue_list_exports_as_csv(boss, issues):
    rows = exported(boss, "/admin/home/newsletterissuepage/")
    assert [(row["Title"], row["Issue Number"], row["Status"]) for row in rows] == [
        ("August issue", "9", "Scheduled"), ("July issue", "8", "Draft"), ("June issue", "7", "Live"),
    ]


def test_events_services_and_stories_lists_export_as_csv(boss, db):
    for section in (EventIndexPage, ServiceIndexPage, StoryIndexPage):
        without_seeded(section)
    home = ensure_home_page()
    events = home.add_child(instance=EventIndexPage(title="Dates for the diary", slug="events"))
    events.add_child(instance=EventPage(title="Carers meet", slug="carers-meet", summary="A meeting.",
                                        start=timezone.now() + datetime.timedelta(days=3)))
    ServicePageFactory(parent=ServiceIndexPageFactory(parent=home), title="Tamba")
    stories = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    stories.add_child(instance=StoryPage(title="Not alone", slug="not-alone", byline="Sam", role="received",
                                         story_date=datetime.date(2026, 1, 5)))

    assert [row["Title"] for row in exported(boss, "/admin/events/eventpage/")] == ["Carers meet"]
    assert [row["Title"] for row in exported(boss, "/admin/services/servicepage/")] == ["Tamba"]
    assert [(row["Title"], row["Byline"]) for row in exported(boss, "/admin/stories/storypage/")] == [("Not alone", "Sam")]
