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
