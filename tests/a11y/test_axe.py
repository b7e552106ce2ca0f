"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA, and its best practices) finds nothing on any public page type.

axe is injected from the pinned copy in vendor/ (the site's CSP forbids it, so the browser context
bypasses the CSP for this check only). Every finding fails the test, whatever axe calls its impact.
"""

import pytest

from tests.a11y.conftest import AXE, AXE_TAGS, a11y_marks
from tests.a11y.pages import PAGES

pytestmark = a11y_marks("test_axe")


@pytest.fixture(scope="module")
def axe_page(chromium):
    context = chromium.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("visit", PAGES, ids=[visit.name for visit in PAGES])
def test_axe_finds_no_wcag_a_or_aa_problems_nor_best_practice_slips(axe_page, site_url, visit):
    visit.open(axe_page, site_url)
    axe_page.add_script_tag(path=str(AXE))
    results = axe_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    assert results["violations"] == [], describe(results["violations"])
    # axe really ran its WCAG rules (an empty run would also report no violations).
    assert len(results["passes"]) + len(results["incomplete"]) + len(results["inapplicable"]) > 20
