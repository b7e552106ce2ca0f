"""Events in a real browser: no JavaScript needed, nothing the CSP blocks, usable at phone width."""

import pytest

from tests.a11y.focus import FOCUS_JS, remember_resting_look, visible_focus
from tests.conftest import console_errors

pytestmark = pytest.mark.browser


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_filter_and_event_page_work_without_javascript_at_phone_width(browser, seeded_live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{seeded_live_server.url}/events/")
    assert page.evaluate(SIDEWAYS) <= 0

    page.select_option("#audience", "people-with-lived-experience")
    page.get_by_role("button", name="Show events").click()
    assert "audience=people-with-lived-experience" in page.url
    assert page.locator(".event-card h3").all_inner_texts() == ["Peer Support Training"]
    assert page.evaluate(SIDEWAYS) <= 0

    # The card leads to the event page, which reads at this width too.
    page.get_by_role("link", name="Peer Support Training").click()
    page.wait_for_url("**/events/peer-support-training/")
    assert page.locator("h1").inner_text() == "Peer Support Training"
    assert page.get_by_text("Date to be confirmed").first.is_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    context.close()


def test_event_page_has_no_console_errors_and_a_focusable_feed_address(browser, seeded_live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(FOCUS_JS)
    page = context.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/events/peer-support-network-meeting-july-2016/")
    remember_resting_look(page)

    # A keyboard user reaches the feed address with Tab (it is in the tab order) and sees where focus is.
    field = page.get_by_label("Or copy this address")
    for _ in range(80):
        page.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reaches the feed address")
    visible_focus(page)
    assert field.input_value().endswith("/events/feed.ics")
    assert page.evaluate(SIDEWAYS) <= 0
    assert page.locator("a[href^='webcal://']").is_visible()
    assert problems == [], problems  # e.g. a CSP violation from the JSON-LD or a missing file
    context.close()
