"""A keyboard user, from the top of the page: every element Tab reaches shows a focus indicator
they can see (the site's own, not the browser's thin default), and forms submit from the keyboard."""

import pytest

from tests.a11y.conftest import a11y_marks
from tests.a11y.focus import FOCUS_JS, remember_resting_look, visible_focus

pytestmark = a11y_marks("test_keyboard")


@pytest.fixture(scope="module")
def context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FOCUS_JS)  # defines a11yRest() and a11yFocus(); not subject to the page's CSP
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


loaded = remember_resting_look
focused = visible_focus


def tab(page):
    page.keyboard.press("Tab")
    return focused(page)


def tab_until(page, matches, limit=60):
    """Press Tab until the focused element matches; every element on the way is checked."""
    passed = []
    for _ in range(limit):
        state = tab(page)
        passed.append(state)
        if matches(state):
            return passed
    raise AssertionError(f"Tab never reached it; went through {[s['element'] for s in passed]}")


def test_keyboard_user_uses_skip_link_navigation_site_search_and_directory_filters(page, site_url):
    page.goto(f"{site_url}/services/")
    loaded(page)

    skip = tab(page)
    assert skip["text"] == "Skip to main content"

    # Through the header: the site name, site search, every link of the main navigation.
    header = tab_until(page, lambda s: s["inMain"])
    assert [s["tag"] for s in header if s["inSearch"]] == ["input", "button"]
    nav_links = page.locator("nav[aria-label=Main] a").all_inner_texts()
    assert [s["text"] for s in header if s["inNav"]] == nav_links and len(nav_links) >= 5
    first_in_main = header[-1]
    assert first_in_main["id"] == "filter-audience"

    # Choose filters from the keyboard: type to pick an option, Tab on, Enter to submit.
    page.keyboard.type("Bereaved")
    tab_until(page, lambda s: s["id"] == "filter-delivery")
    page.keyboard.type("Tele")
    tab_until(page, lambda s: s["tag"] == "button" and s["text"] == "Show services")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "audience=bereaved-parents" in page.url and "delivery=telephone" in page.url
    assert page.get_by_role("status").inner_text() == "3 services match your filters."
    loaded(page)
    # The results and the "remove filter" links are reachable and show focus too.
    tab_until(page, lambda s: s["text"].startswith("Remove filter"))

    # The skip link moves focus to the main content: the next Tab lands on its first control.
    page.goto(f"{site_url}/services/")
    loaded(page)
    tab(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert tab(page)["id"] == "filter-audience"

    # Site search from the keyboard.
    page.goto(f"{site_url}/services/")
    loaded(page)
    search = tab_until(page, lambda s: s["id"] == "site-search-q")[-1]
    assert search["inSearch"]
    page.keyboard.type("bereavement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search/?q=bereavement")
    assert page.locator("ol.search-results li").count() > 0


def test_keyboard_user_sends_share_form_and_follows_its_error_summary(page, site_url):
    page.goto(f"{site_url}/stories/share/")
    loaded(page)
    # Every field, radio button, checkbox and link in the form shows focus on the way down.
    on_the_way = tab_until(page, lambda s: s["tag"] == "button" and s["text"] == "Send your story")
    assert {"name", "email", "role", "story", "topics", "consent_health", "consent_publish"} <= {s["name"] for s in on_the_way}
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The error summary takes focus, so it is read out first and Tab starts from it.
    loaded(page)
    summary = focused(page)
    assert summary["text"].startswith("There is a problem")
    first_error = tab(page)
    assert first_error["tag"] == "a" and first_error["text"] == page.locator(".error-summary a").first.inner_text()
    href = page.locator(".error-summary a").first.get_attribute("href")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == href
    # Following the link puts the reader at the field: the next Tab reaches it (or it is focused).
    target = focused(page) if page.evaluate("document.activeElement.id") == href[1:] else tab(page)
    assert target["id"] == href[1:] or target["name"] == href[len("#id_"):], target
