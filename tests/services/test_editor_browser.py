"""An editor in a real browser finds a service overdue for review on the dashboard."""

import datetime

import pytest
from django.utils import timezone

from home.seed import ensure_home_page
from services.factories import ServiceIndexPageFactory, ServicePageFactory
from services.models import ServiceIndexPage
from tests.admin_browser import log_in, make_member
from tests.conftest import without_seeded

pytestmark = pytest.mark.browser


def test_a_service_whose_review_date_passes_shows_as_overdue(browser, seeded_live_server, django_user_model):
    without_seeded(ServiceIndexPage)  # the seed's 2016 services are all overdue
    today = timezone.localdate()
    service = ServicePageFactory(
        parent=ServiceIndexPageFactory(parent=ensure_home_page()), title="Tamba twins club",
        checked_on=today - datetime.timedelta(days=360), next_review=today + datetime.timedelta(days=1),
    )
    editor = make_member(django_user_model, "ed", "Editors")
    page = log_in(browser, seeded_live_server, editor)
    panel = page.locator("#dashboard-services-section")
    assert "Tamba twins club" in panel.locator('[data-section="soon"]').inner_text()

    service.next_review = today - datetime.timedelta(days=1)  # the review date passes
    service.save()
    page.reload()
    overdue = page.locator('[data-section="overdue"]')
    assert overdue.locator("h3").inner_text() == "Overdue for review, oldest first: 1"
    overdue.get_by_role("link", name="Tamba twins club").click()
    page.wait_for_url(f"{seeded_live_server.url}/admin/pages/{service.pk}/edit/")
    assert page.locator("input[name=title]").input_value() == "Tamba twins club"
    page.context.close()
