"""An editor adds an event in a real browser, a reviewer publishes it, it reaches the
listing and the calendar feed; the editor cancels it and the feed says so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventPage
from events.seed import ensure_index
from home.seed import ensure_home_page
from tests.admin_browser import approve_and_publish, log_in, make_member, submit_for_moderation

from .helpers import LONDON

pytestmark = pytest.mark.browser


def feed(page, server):
    response = page.request.get(f"{server.url}/events/feed.ics")
    assert response.ok
    return response.text().replace("\r\n ", "")  # unfold long lines


def test_event_from_draft_to_feed_and_cancelled(browser, seeded_live_server, django_user_model):
    index = ensure_index(ensure_home_page())
    editor = make_member(django_user_model, "ed", "Editors")
    reviewer = make_member(django_user_model, "rev", "Reviewers")
    day = (timezone.now() + timedelta(days=7)).astimezone(LONDON)

    ed = log_in(browser, seeded_live_server, editor, then=f"/admin/pages/add/events/eventpage/{index.pk}/")
    ed.locator("input[name=title]").fill("Peer support network meeting")
    ed.locator("textarea[name=summary]").fill("Peer workers meet to share what works.")
    ed.locator("input[name=start]").fill(day.strftime("%d/%m/%Y 18:00"))
    ed.keyboard.press("Escape")
    ed.locator("input[name=end]").fill(day.strftime("%d/%m/%Y 19:30"))
    ed.keyboard.press("Escape")
    submit_for_moderation(ed)
    event = EventPage.objects.get(title="Peer support network meeting")
    assert not event.live and event.workflow_in_progress

    rev = log_in(browser, seeded_live_server, reviewer, then=f"/admin/pages/{event.pk}/edit/")
    approve_and_publish(rev)
    assert EventPage.objects.get(pk=event.pk).live

    ed.goto(f"{seeded_live_server.url}/events/")
    assert ed.get_by_role("link", name="Peer support network meeting").is_visible()
    calendar = feed(ed, seeded_live_server)
    assert "SUMMARY:Peer support network meeting" in calendar and "STATUS:CANCELLED" not in calendar

    ed.goto(f"{seeded_live_server.url}/admin/pages/{event.pk}/edit/")
    ed.locator("select[name=status]").select_option("cancelled")
    submit_for_moderation(ed)
    rev.goto(f"{seeded_live_server.url}/admin/pages/{event.pk}/edit/")
    approve_and_publish(rev)

    calendar = feed(ed, seeded_live_server)
    assert "SUMMARY:Cancelled: Peer support network meeting" in calendar and "STATUS:CANCELLED" in calendar
    ed.context.close()
    rev.context.close()
