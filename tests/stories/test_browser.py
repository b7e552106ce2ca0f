"""A reader shares a story in a real browser with JavaScript switched off."""

import pytest

from stories.models import StorySubmission
from tests.conftest import console_errors

pytestmark = pytest.mark.browser


def test_share_a_story_without_javascript_fixing_a_mistake_on_the_way(browser, seeded_live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems = console_errors(page)
    page.goto(f"{seeded_live_server.url}/stories/share/")

    # The honeypot is off screen for sighted people and out of the tab order.
    trap = page.locator("input[name=website]")
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
    assert trap.get_attribute("tabindex") == "-1"

    page.get_by_label("Your name, or the name you want us to use").fill("Robin")
    page.get_by_label("Your email address").fill("robin@example.org")
    page.get_by_label("Received peer support", exact=True).check()
    page.get_by_label("Your story, or an idea for one").fill("The group helped me feel less alone after my twins.")
    page.get_by_label("Twins and multiples").check()
    page.get_by_label("I agree that Kensington and Chelsea Mind may store").check()
    page.get_by_role("button", name="Send your story").click()

    # Forgot the consent to publish: told clearly, and the link goes to the box.
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.get_by_label("Your email address").input_value() == "robin@example.org"
    summary.get_by_role("link").first.click()
    assert page.evaluate("location.hash") == "#id_consent_publish"
    page.get_by_label("I agree that Kensington and Chelsea Mind may publish").check()
    page.get_by_role("button", name="Send your story").click()

    assert page.locator("h1").inner_text() == "Thank you for sharing your story"
    assert StorySubmission.objects.get().email == "robin@example.org"
    # The form with errors is answered with a 400 on purpose; anything else (a CSP violation,
    # a missing file) is a problem.
    assert [p for p in problems if "status of 400" not in p] == [], problems
    context.close()
