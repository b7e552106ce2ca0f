"""The email edition and the sharing data in a real browser (headless Chromium), under the site's CSP."""

import json

import pytest

from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_email_edition_fits_600_pixels_and_shows_its_styles(browser, seeded_live_server):
    page = browser.new_page(viewport={"width": 600, "height": 900})
    problems = console_errors(page)
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(f"{seeded_live_server.url}/issues/june-2016/email/")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # The inlined styles apply (the CSP on this one document allows style attributes): the masthead is dark blue.
    assert page.locator("td.masthead").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(23, 63, 115)"
    assert page.locator("h1").is_visible()
    # The browser asks for /favicon.ico on its own; the email itself loads nothing that fails.
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
    assert [p for p in problems if not p.startswith("Failed to load resource")] == [], problems


def test_issue_json_ld_is_readable_and_breaks_no_csp_rule(browser, seeded_live_server):
    page = browser.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/issues/june-2016/")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert problems == [], problems  # a CSP violation would be reported here
