"""The "Services to check" dashboard panel: overdue services oldest first, those due
in the next 30 days, and a fixed number of queries however many services there are."""

import datetime

import pytest
from django.utils import timezone

from home.seed import ensure_home_page
from services.dashboard import ServicesReviewPanel
from services.factories import ServiceIndexPageFactory, ServicePageFactory
from services.models import ServiceIndexPage
from tests.conftest import without_seeded
from tests.dashboard import panel_soup, section


@pytest.fixture
def services_index(db):
    without_seeded(ServiceIndexPage)
    return ServiceIndexPageFactory(parent=ensure_home_page())


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def service(index, title, review_in_days):
    today = timezone.localdate()
    return ServicePageFactory(parent=index, title=title, checked_on=today - datetime.timedelta(days=300),
                              next_review=today + datetime.timedelta(days=review_in_days))


def test_overdue_services_come_oldest_first_and_link_to_the_editor(services_index, superuser):
    service(services_index, "Late group", -3)
    oldest = service(services_index, "Very late group", -90)
    service(services_index, "Soon group", 10)
    service(services_index, "Fine group", 200)

    html = panel_soup(ServicesReviewPanel(), superuser)

    overdue = section(html, "overdue")
    assert overdue.startswith("Overdue for review, oldest first: 2")
    assert overdue.index("Very late group") < overdue.index("Late group (")
    assert section(html, "soon").startswith("Due for review in the next 30 days: 1 Soon group")
    assert "Fine group" not in html.get_text()
    assert html.find("a", string="Very late group")["href"] == f"/admin/pages/{oldest.pk}/edit/"
    assert html.select_one('[data-section="overdue"] h3 a')["href"] == "/admin/services/servicepage/?review=overdue"


def test_a_service_shows_as_overdue_once_its_review_date_passes(services_index, superuser):
    page = service(services_index, "Tamba", 5)
    assert "Tamba" in section(panel_soup(ServicesReviewPanel(), superuser), "soon")
    page.next_review = timezone.localdate() - datetime.timedelta(days=1)
    page.save()
    html = panel_soup(ServicesReviewPanel(), superuser)
    assert "Tamba" in section(html, "overdue") and "Tamba" not in section(html, "soon")


@pytest.mark.parametrize("n", [10, 40])
def test_panel_takes_the_same_queries_for_few_and_many_services(services_index, superuser, n, django_assert_num_queries):
    for i in range(n):
        service(services_index, f"Service {i}", (i % 60) - 30)
    with django_assert_num_queries(4):
        panel_soup(ServicesReviewPanel(), superuser)
