"""Narrowing the directory in a real browser: the form is plain HTML, so it works with JavaScript off."""

import pytest

from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_keyboard_user_narrows_the_directory_without_javascript(browser, seeded_live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/services/")
    # Keys only: type to choose an option, Tab to the next filter, Enter to submit.
    page.get_by_label("Who it is for").focus()
    page.keyboard.type("Bereaved")
    for _ in range(3):  # topic, type of peer support, how it is delivered
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-delivery"
    page.keyboard.type("Tele")
    page.keyboard.press("Tab")  # area
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Show services"
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/?*")
    assert page.get_by_role("status").inner_text() == "3 services match your filters."
    titles = sorted(page.locator(".service-results .card__title a").all_inner_texts())
    assert titles == ["Child Death Helpline", "Tamba peer support", "The Compassionate Friends"]
    page.get_by_role("link", name="Remove filter how it is delivered: Telephone or helpline").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/?audience=bereaved-parents")
    assert problems == [], problems  # e.g. a CSP violation or a missing file
    context.close()


def test_directory_reads_at_phone_width_without_sideways_scrolling(browser, seeded_live_server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{seeded_live_server.url}/services/?audience=parents")
    assert page.locator(".service-results .card__title a").count() > 0  # the directory, with results
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
