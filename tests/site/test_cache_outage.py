"""A cache is an accelerator: with Redis unreachable the site still serves pages
and accepts stories, and says so in the log."""

import logging
import socket

import pytest
from django.db import connection

from peertalk_site.cache import DATABASE_CACHE, cache_settings, database_cache_settings
from stories.models import StorySubmission
from tests.stories.conftest import share_page, story_index, valid_post  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def redis_down(settings):
    """The production cache set-up, pointed at a Redis that is not there."""
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/0")


def test_pages_and_the_share_form_work_when_redis_is_unreachable(client, share_page, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="peertalk_site.cache"):
        assert client.get("/").status_code == 200
        assert client.get("/stories/").status_code == 200
        assert client.get("/stories/share/").status_code == 200
        assert client.get("/search/?q=support").status_code == 200
        assert client.post("/stories/share/", valid_post()).status_code == 302
    assert StorySubmission.objects.count() == 1
    assert "unreachable" in caplog.text


def test_the_rate_limit_still_counts_in_the_database_when_redis_is_unreachable(client, share_page, redis_down):
    from stories import views

    for n in range(views.RATE_LIMIT):
        assert client.post("/stories/share/", valid_post(email=f"r{n}@example.org")).status_code == 302
    assert client.post("/stories/share/", valid_post(email="too-many@example.org")).status_code == 429
    assert StorySubmission.objects.count() == views.RATE_LIMIT


def remove_database_cache_table():
    """As if `createcachetable` had not been run (renamed inside the test's transaction, which rolls back)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {DATABASE_CACHE['LOCATION']} RENAME TO peertalk_cache_gone")


@pytest.fixture
def database_cache_failing(settings):
    """Production's cache without Redis (database_cache_settings), with its table gone."""
    settings.CACHES = database_cache_settings()
    remove_database_cache_table()


def test_pages_search_and_the_share_form_work_when_the_database_cache_fails(
    client, share_page, database_cache_failing, caplog
):
    with caplog.at_level(logging.WARNING, logger="peertalk_site.cache"):
        for path in ["/", "/issues/june-2016/", "/events/", "/stories/", "/stories/share/", "/search/?q=support"]:
            assert client.get(path).status_code == 200, path
        assert client.post("/stories/share/", valid_post()).status_code == 302
    assert StorySubmission.objects.count() == 1
    assert "unreachable" in caplog.text


def test_pages_work_when_redis_is_down_and_its_database_fallback_fails_too(client, redis_down):
    """On PostgreSQL the fallback's failed statement must not abort the request's other queries."""
    remove_database_cache_table()
    for path in ["/", "/events/", "/search/?q=support"]:
        assert client.get(path).status_code == 200, path
