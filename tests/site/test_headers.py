"""Headers every response carries."""

import pytest

pytestmark = pytest.mark.django_db

URLS = ["/", "/events/", "/events/feed.ics", "/services/", "/stories/", "/stories/share/", "/search/?q=support",
        "/glossary/", "/api/openreferral/services", "/no-such-page/", "/admin/login/", "/robots.txt",
        "/sitemap.xml"]


def test_permissions_policy_is_on_every_response(client, seeded):
    for url in URLS:
        response = client.get(url)
        policy = response.get("Permissions-Policy", "")
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy, url


def test_pages_showing_what_someone_sent_are_never_stored(client, seeded):
    from tests.stories.conftest import valid_post

    # The share form shown again with its errors holds the story and the email.
    response = client.post("/stories/share/", valid_post(consent_health=None))
    assert response.status_code == 400 and "robin@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Searches, a crisis search above all.
    for url in ["/search/?q=suicide", "/search/?q=support", "/search/autocomplete/?q=sui"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    # A redirect after a good post holds nothing, and ordinary pages stay cacheable.
    assert "no-store" not in client.get("/stories/").get("Cache-Control", "")
