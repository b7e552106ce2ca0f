"""Editors in a real browser: the writing checks panel, and putting out an issue."""

import pytest

from home.models import StandardPage
from home.seed import ensure_home_page
from tests.admin_browser import log_in, make_member, save_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DRAFT = (
    "<p>Last spring my sister told me she had thought about suicide. I did not know what to say to her, "
    "so I just listened and stayed with her that night. Now we talk every week, and the peer group "
    "helped us both to find the words for it.</p>"
)


def test_checks_panel_shows_reading_age_and_a_safe_messaging_warning(browser, live_server, django_user_model):
    editor = make_member(django_user_model, "ed", "Editors")
    draft = StandardPage(title="Talking to my sister", slug="talking", body=[("rich_text", DRAFT)], live=False,
                         owner=editor)
    ensure_home_page().add_child(instance=draft)
    draft.save_revision(user=editor)

    page = log_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    checks = page.locator("[data-writing-checks]")
    checks.scroll_into_view_if_needed()
    assert checks.is_visible()
    assert checks.locator('[data-check="reading-age"]').inner_text().startswith("About reading age ")
    assert "gives no support details" in checks.locator('[data-check="no-support"]').inner_text()

    # Adding support details and saving a draft clears the warning.
    page.locator("input[name=introduction], textarea[name=introduction]").fill(
        "If you are struggling, call Samaritans free on 116 123, day or night."
    )
    save_draft(page)
    checks = page.locator("[data-writing-checks]")
    assert checks.locator('[data-check="no-support"]').count() == 0
    assert "gives support details" in checks.inner_text()
    page.context.close()
