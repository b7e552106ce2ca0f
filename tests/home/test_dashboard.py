"""The newsletter dashboard panel: the latest issue out, any scheduled issue and the
next draft (or a link to start one), in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from home.dashboard import LatestIssuePanel
from home.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory
from home.models import NewsletterIndexPage
from home.seed import ensure_home_page
from tests.conftest import without_seeded
from tests.dashboard import panel_soup, section


@pytest.fixture
def issue_index(db):
    without_seeded(NewsletterIndexPage)
    return NewsletterIndexPageFactory(parent=ensure_home_page())


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def test_latest_live_issue_and_the_next_draft(issue_index, superuser):
    NewsletterIssuePageFactory(parent=issue_index, title="May issue", publication_date=datetime.date(2026, 5, 1))
    june = NewsletterIssuePageFactory(parent=issue_index, title="June issue", publication_date=datetime.date(2026, 6, 1))
    draft = NewsletterIssuePageFactory(parent=issue_index, title="July issue", live=False,
                                       publication_date=datetime.date(2026, 7, 1))

    html = panel_soup(LatestIssuePanel(), superuser)

    assert section(html, "live").startswith("Latest issue out June issue (1 June 2026)")
    assert html.find("a", string="June issue")["href"] == f"/admin/pages/{june.pk}/edit/"
    assert section(html, "draft") == "Next issue Draft: July issue (1 July 2026)"
    assert html.find("a", string="July issue")["href"] == f"/admin/pages/{draft.pk}/edit/"
    assert section(html, "scheduled") is None


def test_scheduled_issue_is_shown_apart_from_drafts(issue_index, superuser):
    issue = NewsletterIssuePageFactory(parent=issue_index, title="August issue", live=False)
    issue.go_live_at = timezone.now() + datetime.timedelta(days=2)
    issue.save_revision(approved_go_live_at=issue.go_live_at)

    html = panel_soup(LatestIssuePanel(), superuser)

    assert section(html, "scheduled") == "Scheduled to go out August issue"
    assert section(html, "live") == "Latest issue out No issue is live yet."
    start = html.find("a", string="Start the next issue")
    assert start["href"] == f"/admin/pages/add/home/newsletterissuepage/{issue_index.pk}/"


@pytest.mark.parametrize("n", [10, 40])
def test_panel_takes_the_same_queries_for_few_and_many_issues(issue_index, superuser, n, django_assert_num_queries):
    for i in range(n):
        NewsletterIssuePageFactory(parent=issue_index, live=i % 2 == 0, body=[])
    panel_soup(LatestIssuePanel(), superuser)  # the issue content type is looked up once per process
    with django_assert_num_queries(4):
        panel_soup(LatestIssuePanel(), superuser)
