"""The admin screens this project adds: axe-core (the same WCAG 2.0/2.1/2.2 A and AA rules and best
practices as test_axe.py) finds nothing on them, and the Nu HTML Checker finds no errors in them.

Wagtail's own chrome (sidebar, header, breadcrumbs, page editor) is not ours to fix, so on each screen
the checks look only at the parts our templates render (`ours`); the screens that are wholly ours (the
email edition preview, the login lockout page) are checked whole. Each role logs in once per module.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Workflow

from home.models import NewsletterIssuePage
from stories.models import StoryIndexPage, StoryPage, StorySubmission
from tests.a11y.axe import run_axe
from tests.a11y.conftest import a11y_marks
from tests.a11y.vnu import html_errors
from tests.admin_browser import PASSWORD, log_in, make_member

pytestmark = a11y_marks("test_admin")

WHOLE_PAGE = ("html",)
DASHBOARD_PANELS = tuple(f"#dashboard-{name}-section" for name in ("latest-issue", "events", "services", "stories"))
# Our views extend Wagtail's admin base: its header include (with our title) and our content sit in <main>.
OUR_VIEW = ("main",)
# A draft that sets off every writing check: a long enough text, about suicide, with no support details.
WORRYING_DRAFT = (
    "<p>Last spring my sister told me she had thought about suicide and had looked up an overdose. "
    "I did not know what to say to her, so I just listened and stayed with her that night. Now we talk "
    "every week, and the peer group helped us both to find the words for it.</p>"
)


@dataclass(frozen=True)
class Screen:
    name: str
    role: str  # who looks at it: a key of admin_rows' users
    path: str  # formatted with the rows the module adds (see admin_rows)
    ours: tuple  # CSS selectors of the parts our templates render
    says: str  # text that must be in those parts, so a check never passes on the wrong page
    # The email edition is written for mail clients (Outlook needs table widths, cellpadding, align), which
    # the HTML checker calls obsolete: only axe checks it.
    html_checked: bool = True


SCREENS = [
    Screen("dashboard, superuser", "superuser", "/admin/", DASHBOARD_PANELS, "New story submissions: 1"),
    Screen("dashboard, story moderator", "moderator", "/admin/", DASHBOARD_PANELS, "New story submissions: 1"),
    Screen("dashboard, editor", "editor", "/admin/", DASHBOARD_PANELS, "Stories waiting for moderation: 1"),
    Screen("editor guide", "editor", "/admin/guide/", OUR_VIEW, "Short guides to the jobs editors do most"),
    Screen("editor guide task", "editor", "/admin/guide/withdraw-a-story/", OUR_VIEW, "Withdraw a story on request"),
    Screen("create a draft story", "moderator", "/admin/stories/submissions/{submission}/create-story/", OUR_VIEW,
           "This makes an empty draft story page"),
    Screen("withdraw a submission", "moderator", "/admin/stories/submissions/{submission}/withdraw/", OUR_VIEW,
           "This permanently deletes"),
    Screen("writing checks panel", "editor", "/admin/pages/{draft}/edit/", ("[data-writing-checks]",),
           "it gives no support details"),
    Screen("email edition, send a test", "editor", "/admin/issues/{draft}/email/send-test/", OUR_VIEW,
           "This sends the email edition"),
    Screen("email edition, send a test without an address", "no_email", "/admin/issues/{draft}/email/send-test/",
           OUR_VIEW, "Your account has no email address"),
    Screen("email edition preview", "editor", "/admin/issues/{draft}/email/", WHOLE_PAGE, "Worrying times",
           html_checked=False),
]


@pytest.fixture(scope="module")
def admin_rows(site_url, django_db_blocker):
    """Users of each kind, and something for every list on the screens: a new story submission, a story
    waiting for moderation, and a draft issue (the next issue on the dashboard). Added inside the module's
    transaction (site_url), so they go when it is rolled back."""
    with django_db_blocker.unblock():
        users = {
            "superuser": get_user_model().objects.create_superuser("a11y-boss", "boss@example.org", PASSWORD),
            "moderator": make_member(get_user_model(), "a11y-mod", "Editors", "Story moderators"),
            "editor": make_member(get_user_model(), "a11y-ed", "Editors"),
            "no_email": make_member(get_user_model(), "a11y-noemail", "Editors"),
        }
        users["no_email"].email = ""
        users["no_email"].save()
        submission = StorySubmission.objects.create(
            name="Robin", email="robin@example.org", role="received", story="The twins club helped.",
            consent_version="v1", health_consent_text="Yes.", publish_consent_text="Yes.",
        )
        story = StoryPage(title="Waiting story", slug="a11y-waiting-story", byline="Sam", role="received",
                          story_date=timezone.localdate(), live=False)
        StoryIndexPage.objects.get().add_child(instance=story)
        story.save_revision()
        Workflow.objects.get(name="Moderators approval").start(story, users["superuser"])
        seed_issue = NewsletterIssuePage.objects.get(slug="june-2016")
        draft = NewsletterIssuePage(
            title="Worrying times", slug="a11y-worrying-times", issue_number=99, live=False,
            publication_date=timezone.localdate() + timedelta(days=30), standfirst="A draft issue.",
            body=[("section", {"heading": "A hard night", "body": [("rich_text", WORRYING_DRAFT)]})],
        )
        seed_issue.get_parent().add_child(instance=draft)
        draft.save_revision(user=users["editor"])
    return {"users": users, "submission": submission.pk, "draft": draft.pk}


@pytest.fixture(scope="module")
def signed_in(chromium, _seeded_server, admin_rows, django_db_blocker):
    """One browser page per role, logged in once through the admin's login form (CSP bypassed, for axe).
    All log in here, before any test: a session made inside a test would go with the test's rollback."""
    with django_db_blocker.unblock():
        pages = {role: log_in(chromium, _seeded_server, user, bypass_csp=True)
                 for role, user in admin_rows["users"].items()}
    yield pages
    for page in pages.values():
        page.context.close()


FRAGMENT_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{}</title></head><body>{}</body></html>'


def open_screen(signed_in, site_url, admin_rows, screen):
    """The screen in its role's browser page, checked to be the one named."""
    page = signed_in[screen.role]
    response = page.goto(site_url + screen.path.format(**admin_rows))
    assert response.status == 200, (screen.name, response.status, page.url)
    for selector in screen.ours:
        assert page.locator(selector).count(), f"{screen.name}: nothing matches {selector}"
    shown = " ".join(page.locator(selector).first.inner_text() for selector in screen.ours)
    assert screen.says in shown, f"{screen.name}: {screen.says!r} is missing"
    return page


def our_html(signed_in, site_url, admin_rows, screen):
    """The HTML of our parts of the screen as the server sends it (fetched with the role's cookies, not
    rendered: the page editor takes seconds to draw), as a document of its own."""
    response = signed_in[screen.role].request.get(site_url + screen.path.format(**admin_rows))
    assert response.status == 200, (screen.name, response.status, response.url)
    document = BeautifulSoup(response.text(), "html.parser")
    parts = [document.select_one(selector) for selector in screen.ours]
    assert all(parts), f"{screen.name}: the server sent no {screen.ours}"
    assert screen.says in " ".join(" ".join(part.get_text().split()) for part in parts), f"{screen.name}: {screen.says!r} is missing"
    return FRAGMENT_PAGE.format(screen.name, "".join(map(str, parts)))


def lock_out(page, site_url):
    """Five wrong passwords for one username: the admin answers with our lockout page."""
    page.goto(f"{site_url}/admin/login/")
    for _ in range(5):
        page.locator("input[name=username]").fill("a11y-nobody")
        page.locator("input[name=password]").fill("not-the-password")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Sign in").click()
    assert navigation.value.status == 429, navigation.value.status
    assert page.locator("h1").inner_text() == "Too many tries"
    return navigation.value.text()


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.name for screen in SCREENS])
def test_axe_finds_no_problems_in_our_parts_of_the_admin_screen(signed_in, site_url, admin_rows, screen):
    page = open_screen(signed_in, site_url, admin_rows, screen)
    run_axe(page, include=screen.ours)


def test_axe_finds_no_problems_on_the_login_lockout_page(chromium, site_url):
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    lock_out(page, site_url)
    run_axe(page, include=WHOLE_PAGE)
    context.close()


HTML_CHECKED = [screen for screen in SCREENS if screen.html_checked]
assert all(screen.ours != WHOLE_PAGE for screen in HTML_CHECKED), "our_html reads fragments only"


def test_our_parts_of_the_admin_screens_are_valid_html(signed_in, site_url, admin_rows, chromium, tmp_path):
    files = {}
    for screen in HTML_CHECKED:
        path = tmp_path / (re.sub(r"[^a-z0-9]+", "-", screen.name) + ".html")
        path.write_text(our_html(signed_in, site_url, admin_rows, screen), encoding="utf-8")
        files[path] = screen.name
    context = chromium.new_context()
    path = tmp_path / "login-lockout.html"
    path.write_text(lock_out(context.new_page(), site_url), encoding="utf-8")
    files[path] = "login lockout page"
    context.close()

    problems = html_errors(files)
    assert problems == [], "\n".join(problems)
    assert len(files) == len(HTML_CHECKED) + 1
