"""Autocomplete in a real browser (headless Chromium): progressive enhancement under the strict CSP."""

import pytest

from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_typing_suggests_page_titles_and_the_form_still_searches(browser, seeded_live_server):
    page = browser.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/search/")
    field = page.locator("#search-q")
    field.focus()
    field.press_sequentially("acces", delay=30)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-suggestions option')].some(o => o.value === 'Accessibility statement')"
    )
    field.fill("screen reader")
    field.press("Enter")
    page.wait_for_url("**/search/?q=screen+reader")
    assert page.locator("ol.search-results a", has_text="Accessibility statement").first.is_visible()
    assert problems == [], problems  # e.g. a CSP violation
