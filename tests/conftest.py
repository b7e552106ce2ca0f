import os
import shutil
import threading
import time

import pytest
import xdist
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from packaging.version import Version
from pytest_django.live_server_helper import LiveServer

from home.models import HomePage, NewsletterIssuePage

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: search rankings cached by one test's
    pages must not answer the next test's searches."""
    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """Pages rendered on every request: for tests that count what rendering costs
    (with the page cache on, a repeated request costs no query at all)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed site once per test database (once per xdist worker), the way
    `make run` loads it. Each test runs in a transaction that is rolled back, so
    what one test changes, the next never sees."""
    with django_db_blocker.unblock():
        call_command("load_seed", stdout=open(os.devnull, "w"))


@pytest.fixture
def seeded(db):
    """The #PeerTalk seed site (loaded once per session by django_db_setup)."""
    return HomePage.objects.get()


@pytest.fixture
def seed_issue(seeded):
    return NewsletterIssuePage.objects.get(slug="june-2016")


def without_seeded(page_model):
    """Delete the seed's pages of this type, and all under them, inside the test's
    transaction (it rolls back), for a test that builds a section of its own."""
    for page in page_model.objects.all():
        page.delete()


def console_errors(page):
    """A list that fills with the browser page's console errors (CSP violations, missing files)."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def pytest_collection_modifyitems(items):
    """Browser tests first. They are the slowest, and pytest-xdist hands out ungrouped tests
    in this order: a half-minute editor journey started last leaves the other worker idle."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def pytest_configure(config):
    """Refuse a pytest that silently breaks `--dist loadgroup`. pytest-xdist 3.8 groups
    xdist_group tests by adding "@group" to their ids; from pytest 9.2 that does nothing
    (pytest-xdist#1386), and each group's costly module setup (100x content, a logged-in
    browser) then runs on every worker instead of once."""
    if config.getoption("dist", "no") == "loadgroup" and not _xdist_can_group():
        raise pytest.UsageError(
            f"pytest {pytest.__version__} with pytest-xdist {xdist.__version__} does not group "
            "xdist_group tests (pytest-xdist#1386): keep pytest below 9.2 in requirements.txt"
        )


def _xdist_can_group():
    # The fix (pytest-xdist#1388) is not released yet; a release after 3.8.0 is taken to carry it.
    return Version(pytest.__version__) < Version("9.2") or Version(xdist.__version__) > Version("3.8.0")


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright, one per test worker; skipped where
    it is not installed. Each test opens its own context, so no cookies are shared."""
    if not shutil.which("chromium") and not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def _seeded_server(django_db_setup, django_db_blocker, browser):
    # Started after the browser: once Playwright runs, this thread has a running asyncio loop,
    # and Django then keeps its connections in a context variable instead of a thread local.
    # The server must share the connection tests use from then on (in-memory SQLite), or the
    # two connections lock each other's tables.
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def seeded_live_server(_seeded_server, db, browser, settings):
    """The seed site over HTTP for a real browser: one server per test worker, started
    once. On SQLite it shares the test's in-memory database connection, so what the
    browser changes (a story posted, a session) is rolled back with the test.

    Wagtail's editor autosaves half a second after typing stops. Over the one shared
    connection an autosave overlapping a click on "Submit" runs in the same transaction
    as it (two creates of one page: "slug already in use"), so journeys save by their
    own clicks only."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    yield _seeded_server
    # Close the test's pages while the server still shares the connection with its threads.
    for context in browser.contexts:
        context.close()
    _wait_for_server_requests()


def _wait_for_server_requests(timeout=10):
    """Let the live server finish the requests the test's pages started before the test's
    transaction is rolled back. One still running would make its queries in the next test's
    transaction: under load a failed one broke it, and that test's first page was a 500."""
    deadline = time.monotonic() + timeout
    while any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()):
        if time.monotonic() > deadline:
            return
        time.sleep(0.02)
