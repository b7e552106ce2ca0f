"""The "Dates for the diary" dashboard panel: counts, links into the editor, and a
fixed number of queries however many events there are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.taxonomy_seed import ensure_taxonomies
from events.dashboard import EventsPanel
from events.models import EventIndexPage, EventPage
from events.seed import ensure_index
from home.seed import ensure_home_page
from tests.conftest import without_seeded
from tests.dashboard import panel_soup, section


@pytest.fixture
def events_index(db):
    without_seeded(EventIndexPage)
    ensure_taxonomies()
    return ensure_index(ensure_home_page())


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def add(index, title, days=None, **fields):
    start = timezone.now() + timedelta(days=days) if days is not None else None
    page = EventPage(title=title, slug=title.lower().replace(" ", "-"), summary="About it.", start=start,
                     date_tbc=start is None, **fields)
    index.add_child(instance=page)
    return page


def make_events(index, n):
    """`n` events, a quarter of each kind: coming up, cancelled, later, date to be confirmed."""
    for i in range(n // 4):
        add(index, f"Soon {i}", days=1 + i % 25)
        add(index, f"Cancelled {i}", days=2 + i % 25, status=EventPage.CANCELLED)
        add(index, f"Later {i}", days=40 + i)
        add(index, f"Unknown {i}")


def test_panel_counts_each_kind_and_links_to_the_editor(events_index, superuser):
    soon = add(events_index, "Carers meet", days=3)
    add(events_index, "Next season", days=45)
    add(events_index, "Off", days=5, status=EventPage.CANCELLED)
    add(events_index, "Old and off", days=-20, status=EventPage.CANCELLED, end=timezone.now() - timedelta(days=20, hours=-1))
    add(events_index, "Someday")

    html = panel_soup(EventsPanel(), superuser)

    assert section(html, "coming").startswith("Coming up in the next 30 days: 1 Carers meet")
    assert "Next season" not in html.get_text()
    assert section(html, "cancelled").startswith("Cancelled: 1 Off")
    assert section(html, "tbc").startswith("Date to be confirmed: 1 Someday")
    assert html.find("a", string="Carers meet")["href"] == f"/admin/pages/{soon.pk}/edit/"
    assert html.find("a", string=lambda s: s and s.startswith("Cancelled:"))["href"] == (
        "/admin/events/eventpage/?status__exact=cancelled"
    )


def test_panel_shows_on_the_dashboard(events_index, superuser, client):
    add(events_index, "Carers meet", days=3)
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b'id="dashboard-events' in response.content and b"Carers meet" in response.content


@pytest.mark.parametrize("n", [12, 48])
def test_panel_takes_the_same_queries_for_few_and_many_events(events_index, superuser, n, django_assert_num_queries):
    make_events(events_index, n)
    assert EventPage.objects.count() == n // 4 * 4
    with django_assert_num_queries(2):
        panel_soup(EventsPanel(), superuser)
