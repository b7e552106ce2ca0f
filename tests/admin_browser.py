"""Helpers for browser tests that drive the Wagtail admin as a member of one group."""

from urllib.parse import urlencode

from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"


def make_member(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups), "the groups come from the data migration"
    return user


def log_in(browser, server, user, then="/admin/", **context_options):
    """A fresh browser context (Playwright's new_context options), logged in through the admin's own
    login form, which sends the user on to `then` (the dashboard unless a test is heading elsewhere:
    rendering the dashboard on the way costs a test a second or more)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(f"{server.url}/admin/login/?{urlencode({'next': then})}")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}{then}")
    return page


def save_draft(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()


def open_actions(page):
    """The page editor's 'more actions' menu next to Save draft."""
    page.get_by_role("button", name="More actions").click()


def submit_for_moderation(page):
    open_actions(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Moderators approval").click()


def approve_and_publish(page):
    open_actions(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and publish").click()


def preview_frame(page):
    """Open the editor's preview panel; returns the frame showing the page as readers will see it."""
    page.get_by_role("button", name="Toggle preview").click()
    return page.frame_locator("#w-preview-iframe")
