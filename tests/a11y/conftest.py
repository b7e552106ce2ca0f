"""The session's seeded live server and headless Chromium, plus a few rows every check in tests/a11y needs.

Each module adds its rows (an upcoming and a cancelled event) once, inside a transaction that is
rolled back at the end of the module, so the rest of the suite never sees them. The live server shares
the test database connection (in-memory SQLite), which is how it sees them. The tests carry the
`django_db` mark (a11y_marks): it makes pytest-django create the test database even when a run
holds nothing but these modules, and wraps each test in a savepoint inside the module's transaction.
"""

import os
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
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


# Every tests/a11y module: a browser test, on the test database, and (make test uses --dist loadgroup)
# on one xdist worker, so its rows are added once.
def a11y_marks(module_name):
    return [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group(module_name)]


@contextmanager
def module_rows(django_db_blocker, live_server=True):
    """Database access for a whole module, in a transaction rolled back when it ends."""
    with django_db_blocker.unblock():
        if live_server and not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            pytest.skip("the live server sees the module's rows only on in-memory SQLite")
        with transaction.atomic():
            yield
            transaction.set_rollback(True)


@contextmanager
def seed_site_with_events(django_db_blocker, live_server=True):
    """The seed site plus an upcoming and a cancelled event, for the whole module."""
    with module_rows(django_db_blocker, live_server):
        soon = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=14)
        _add_event("Coffee morning for parents", UPCOMING_EVENT, soon)
        _add_event("Sponsored walk", CANCELLED_EVENT, soon + timedelta(days=7), status="cancelled")
        yield


@pytest.fixture(scope="module")
def site_url(_seeded_server, django_db_blocker):
    """The base URL of the session's live server holding the seed site plus an upcoming and a cancelled event."""
    with seed_site_with_events(django_db_blocker):
        yield _seeded_server.url


@pytest.fixture(scope="module")
def chromium(site_url, browser):
    """The session's headless Chromium (one Playwright per process). It asks for the module's
    rows first, so its pages are closed before they are rolled back."""
    yield browser
    for context in browser.contexts:
        context.close()
