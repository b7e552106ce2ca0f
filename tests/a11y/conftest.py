"""One seeded site, one live server and one headless Chromium for every page check in tests/a11y.

Loading the seed site and starting a browser take seconds; these checks visit twenty-odd pages, so
they are set up once per module. The seed is loaded inside one transaction that is rolled back at the
end of the module, so the rest of the suite never sees it. The live server shares the test database
connection (in-memory SQLite), which is how it sees the uncommitted seed.
"""

import os
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.utils import timezone

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA; plus axe's best practices, which catch what screen reader
# users trip over that WCAG words loosely (headings that skip a level, two landmarks with one name).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

UPCOMING_EVENT = "a11y-coffee-morning"
CANCELLED_EVENT = "a11y-cancelled-walk"


def _add_event(title, slug, start, **fields):
    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    page = EventPage(title=title, slug=slug, summary=f"About {title}.", start=start,
                     end=start + timedelta(hours=2), venue_name="K&C Mind Meeting Room", **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@contextmanager
def test_database(django_db_blocker):
    """Database access for a whole module, on the test database.

    These tests carry no django_db mark: the per-test transaction it brings would be opened on another
    connection than the one the seed and the live server use (Playwright's greenlets see their own
    context), leaving the two locking each other. Without a mark pytest-django creates the test
    database only when another test in the run asks for it, so make it here when nobody did.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        created = None
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            created = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        try:
            yield
        finally:
            if created:
                teardown_databases(created, verbosity=0)


@pytest.fixture(scope="module")
def site_url(django_db_setup, django_db_blocker):
    """The base URL of a live server holding the seed site plus an upcoming and a cancelled event."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright runs an event loop in this thread
    from pytest_django.live_server_helper import LiveServer

    with test_database(django_db_blocker):
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            pytest.skip("the module-wide seed is shared with the live server only on in-memory SQLite")
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_seed", stdout=open(os.devnull, "w"))
            soon = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=14)
            _add_event("Coffee morning for parents", UPCOMING_EVENT, soon)
            _add_event("Sponsored walk", CANCELLED_EVENT, soon + timedelta(days=7), status="cancelled")
            server = LiveServer("localhost:0")
            try:
                yield server.url
            finally:
                server.stop()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def chromium(site_url, browser):
    """The session's headless Chromium (one Playwright per process). It asks for the live
    server first, so its pages are closed before the server stops."""
    yield browser
    for context in browser.contexts:
        context.close()
