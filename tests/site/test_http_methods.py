"""HEAD is GET without the body: every page that answers GET answers HEAD."""

import pytest

pytestmark = pytest.mark.django_db

URLS = ["/search/?q=support", "/search/autocomplete/?q=sup", "/glossary/", "/", "/events/", "/services/",
        "/stories/", "/events/feed.ics"]


def test_head_answers_like_get(client, seeded):
    for url in URLS:
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", url
