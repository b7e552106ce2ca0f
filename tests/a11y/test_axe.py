"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA, and its best practices) finds nothing on any public page type.

axe is injected from the pinned copy in vendor/ (the site's CSP forbids it, so the browser context
bypasses the CSP for this check only). Every finding fails the test, whatever axe calls its impact.
"""

import pytest

from tests.a11y.axe import run_axe
from tests.a11y.conftest import a11y_marks
from tests.a11y.pages import PAGES

pytestmark = a11y_marks("test_axe")


@pytest.fixture(scope="module")
def axe_page(chromium):
    context = chromium.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("visit", PAGES, ids=[visit.name for visit in PAGES])
def test_axe_finds_no_wcag_a_or_aa_problems_nor_best_practice_slips(axe_page, site_url, visit):
    visit.open(axe_page, site_url)
    run_axe(axe_page)
