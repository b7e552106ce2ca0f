"""Running the site: the daily jobs command, and an admin that sends nothing about editors elsewhere."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from home.factories import NewsletterIssuePageFactory
from home.models import NewsletterIndexPage, NewsletterIssuePage
from stories.models import StorySubmission

pytestmark = pytest.mark.django_db


def test_daily_jobs_publish_scheduled_pages_purge_old_submissions_and_old_search_counts():
    index = NewsletterIndexPage.objects.get()
    issue = NewsletterIssuePageFactory(parent=index, title="Due out", live=False)
    issue.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=5))
    old = timezone.now() - datetime.timedelta(days=400)
    StorySubmission.objects.create(email="old@example.org", role="received", story="Old.", consent_version="v1",
                                   health_consent_text="Yes.", publish_consent_text="Yes.", submitted_at=old)
    QueryDailyHits.objects.create(query=Query.get("old search"), date=old.date(), hits=3)

    out = io.StringIO()
    call_command("run_daily_jobs", stdout=out)

    assert NewsletterIssuePage.objects.get(pk=issue.pk).live
    assert not StorySubmission.objects.exists()
    assert not QueryDailyHits.objects.exists()
    assert "Daily jobs done." in out.getvalue()


def test_admin_pages_hold_no_gravatar_address(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    for url in ["/admin/", "/admin/account/", "/admin/users/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"gravatar" not in response.content.lower(), url
