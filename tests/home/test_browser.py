"""A keyboard user in a real browser (headless Chromium through Playwright)."""

import pytest

from tests.a11y.focus import FOCUS_JS, remember_resting_look, visible_focus
from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_keyboard_user_skips_to_content_and_jumps_to_a_section(browser, seeded_live_server):
    context = browser.new_context()
    context.add_init_script(FOCUS_JS)
    page = context.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/issues/june-2016/")
    remember_resting_look(page)

    # The first Tab reaches the skip link, which comes on screen with a visible focus indicator.
    page.keyboard.press("Tab")
    skip = visible_focus(page)
    assert skip["text"] == "Skip to main content"
    box = page.locator("a.skip-link").bounding_box()
    assert box and box["y"] >= 0, "the skip link must be on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    assert page.evaluate("document.activeElement.id") == "main-content"

    # The next Tab goes to the first link in the content (past the header and navigation),
    # and "This issue" takes the reader to the section, keyboard only.
    page.keyboard.press("Tab")
    assert visible_focus(page)["inMain"]
    link = page.locator("nav.contents a", has_text="Dates for the diary")
    link.focus()
    assert visible_focus(page)["text"].startswith("Dates for the diary")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#dates-for-the-diary"
    assert page.locator("#dates-for-the-diary h2").is_visible()
    assert problems == [], problems  # e.g. a CSP violation or a missing file
    context.close()


def test_issue_reads_at_phone_width_without_sideways_scrolling(browser, seeded_live_server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{seeded_live_server.url}/issues/june-2016/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.locator("h1").is_visible()
