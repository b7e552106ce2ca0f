import os
import shutil

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: search rankings cached by one test's
    pages must not answer the next test's searches."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded(db):
    """The #PeerTalk seed site, loaded the way `make run` loads it."""
    call_command("load_seed", stdout=open(os.devnull, "w"))
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def seed_issue(seeded):
    from home.models import NewsletterIssuePage

    return NewsletterIssuePage.objects.get(slug="june-2016")


def console_errors(page):
    """A list that fills with the browser page's console errors (CSP violations, missing files)."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def browser():
    """Headless Debian Chromium driven by Playwright; skipped where it is not installed."""
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


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    """A live server (for the browser) with the seed site loaded."""
    call_command("load_seed", stdout=open(os.devnull, "w"))
    return live_server
