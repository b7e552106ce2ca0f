"""Editors: the Services menu, its filters and the overdue-for-review list."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from services.models import ServicePage
from tests.conftest import soup


@pytest.fixture
def editor_client(client, directory):
    user = User.objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    today = timezone.localdate()
    dates = {
        "Camden bereavement group": today - datetime.timedelta(days=400),  # next review passed
        "National bereavement helpline": today - datetime.timedelta(days=10),
        "Dads online": None,
    }
    for title, checked in dates.items():
        service = ServicePage.objects.get(title=title)
        service.checked_on, service.next_review = checked, None
        service.save()
    return client


def test_services_menu_has_the_overdue_list(editor_client):
    dashboard = editor_client.get("/admin/")
    assert dashboard.status_code == 200
    assert b"Overdue for review" in dashboard.content
    assert b"/admin/services/servicepage/?review=overdue" in dashboard.content


@pytest.mark.parametrize(
    "query, expected",
    [
        ("review=overdue", {"Camden bereavement group"}),
        ("review=none", {"Dads online", "Battersea stillbirth circle"}),
        ("status__exact=active", {"Camden bereavement group", "National bereavement helpline", "Dads online", "Battersea stillbirth circle"}),
    ],
)
def test_listing_filters(editor_client, query, expected):
    response = editor_client.get(f"/admin/services/servicepage/?{query}")
    text = soup(response).get_text(" ", strip=True)
    for title in ["Camden bereavement group", "National bereavement helpline", "Dads online", "Battersea stillbirth circle"]:
        assert (title in text) == (title in expected), title


def test_listing_filters_by_taxonomy(editor_client):
    from core.taxonomies import Audience, DeliveryMethod

    bereaved = Audience.objects.get(slug="bereaved-parents").pk
    telephone = DeliveryMethod.objects.get(slug="telephone").pk
    page = soup(editor_client.get(f"/admin/services/servicepage/?audience_links__term__id__exact={bereaved}"))
    text = page.get_text(" ", strip=True)
    assert "Battersea stillbirth circle" in text and "Dads online" not in text
    assert "who it is for" in text.lower() and "how it is delivered" in text.lower()
    text = soup(editor_client.get(f"/admin/services/servicepage/?delivery_links__term__id__exact={telephone}")).get_text()
    assert "National bereavement helpline" in text and "Battersea stillbirth circle" not in text


def test_editor_can_open_the_page_editor(editor_client):
    service = ServicePage.objects.get(title="Dads online")
    response = editor_client.get(f"/admin/pages/{service.pk}/edit/")
    assert response.status_code == 200
    assert b"Who it is for" in response.content and b"Checking the details" in response.content


def test_copying_a_service_in_the_admin_gives_the_copy_its_own_ids(editor_client):
    original = ServicePage.objects.get(title="Camden bereavement group")
    original.locations.create(name="St Mark's Hall")
    original.save_revision().publish()
    original = ServicePage.objects.get(pk=original.pk)
    location = original.locations.get()
    response = editor_client.post(f"/admin/pages/{original.pk}/copy/", {
        "new_title": "Camden bereavement group (copy)", "new_slug": "camden-bereavement-group-copy",
        "new_parent_page": original.get_parent().pk, "publish_copies": "on",
    })
    assert response.status_code == 302, response.content[:500]
    copy = ServicePage.objects.get(slug="camden-bereavement-group-copy")
    assert copy.live and copy.uuid != original.uuid
    assert copy.locations.get().uuid != location.uuid
    assert ServicePage.objects.get(pk=original.pk).uuid == original.uuid  # the original keeps its id
    # The copy's revisions carry its own ids: publishing it again works and keeps them.
    copy_uuid, copy_location_uuid = copy.uuid, copy.locations.get().uuid
    copy.get_latest_revision().publish()
    copy = ServicePage.objects.get(pk=copy.pk)
    assert (copy.uuid, copy.locations.get().uuid) == (copy_uuid, copy_location_uuid)
    assert editor_client.get(f"/api/openreferral/services/{copy.uuid}").status_code == 200
