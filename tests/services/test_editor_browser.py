"""An editor in a real browser finds a service overdue for review on the dashboard."""

import datetime

import pytest
from django.utils import timezone

from home.seed import ensure_home_page
from services.factories import ServiceIndexPageFactory, ServicePageFactory
from tests.admin_browser import log_in, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_service_whose_review_date_passes_shows_as_overdue(browser, live_server, django_user_model):
    today = timezone.localdate()
    service = ServicePageFactory(
        parent=ServiceIndexPageFactory(parent=ensure_home_page()), title="Tamba twins club",
        checked_on=today - datetime.timedelta(days=360), next_review=today + datetime.timedelta(days=1),
    )
    editor = make_member(django_user_model, "ed", "Editors")
    page = log_in(browser, live_server, editor)
    panel = page.locator("#dashboard-services-section")
    assert "Tamba twins club" in panel.locator('[data-section="soon"]').inner_text()

    service.next_review = today - datetime.timedelta(days=1)  # the review date passes
    service.save()
    page.reload()
    overdue = page.locator('[data-section="overdue"]')
    assert overdue.locator("h3").inner_text() == "Overdue for review, oldest first: 1"
    overdue.get_by_role("link", name="Tamba twins club").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{service.pk}/edit/")
    assert page.locator("input[name=title]").input_value() == "Tamba twins club"
    page.context.close()
