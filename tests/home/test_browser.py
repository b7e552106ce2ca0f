"""A keyboard user in a real browser (headless Chromium through Playwright)."""

import pytest

from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_keyboard_user_skips_to_content_and_jumps_to_a_section(browser, seeded_live_server):
    page = browser.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/issues/june-2016/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the skip link must be visible when focused"
    # Focus is drawn: the focused link's outline or background differs from its resting state.
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    page.locator("nav.contents a", has_text="Dates for the diary").click()
    assert page.evaluate("location.hash") == "#dates-for-the-diary"
    assert page.locator("#dates-for-the-diary h2").is_visible()
    assert problems == [], problems  # e.g. a CSP violation or a missing file


def test_issue_reads_at_phone_width_without_sideways_scrolling(browser, seeded_live_server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{seeded_live_server.url}/issues/june-2016/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.locator("h1").is_visible()
