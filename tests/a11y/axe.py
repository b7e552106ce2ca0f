"""Run axe-core in a Playwright page and fail with a readable list of what it found."""

from tests.a11y.conftest import AXE, AXE_TAGS

RUN = """([tags, include]) => axe.run(
    include ? {include: include.map((selector) => [selector])} : document,
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']},
)"""


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


def run_axe(page, include=None):
    """axe's WCAG A/AA and best-practice rules on the page (or only inside the `include` selectors):
    every finding fails, whatever axe calls its impact."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(RUN, [AXE_TAGS, list(include) if include else None])
    assert results["violations"] == [], describe(results["violations"])
    # axe really ran its rules on something (an empty run would also report no violations).
    checked = results["passes"] + results["incomplete"]
    assert len(checked) + len(results["inapplicable"]) > 20 and checked, "axe checked nothing"
    return results
