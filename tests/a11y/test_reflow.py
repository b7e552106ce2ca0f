"""Zoom and motion: at 320 CSS px wide (a phone, or a desktop zoomed to 400%), and again with text at
200%, no public page scrolls sideways and nothing overlaps; readers who ask for reduced motion get none."""

from pathlib import Path

import pytest

from tests.a11y.conftest import a11y_marks
from tests.a11y.pages import PAGES

pytestmark = a11y_marks("test_reflow")

OVERLAP_JS = (Path(__file__).parent / "overlap.js").read_text()
SIDEWAYS = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


@pytest.fixture(scope="module")
def narrow(chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()


def check_reflow(page):
    sideways = page.evaluate(SIDEWAYS)
    assert sideways <= 0, f"scrolls sideways by {sideways}px"
    overlaps = page.evaluate(OVERLAP_JS)
    assert overlaps == [], "\n".join(overlaps)


@pytest.mark.parametrize("visit", PAGES, ids=[visit.name for visit in PAGES])
def test_page_reflows_at_320_px_wide_and_with_text_at_200_percent(narrow, site_url, visit):
    visit.open(narrow, site_url)
    assert narrow.evaluate("document.scrollingElement.clientWidth") == 320
    check_reflow(narrow)
    # Text at 200%, as the browser's text-size setting does it: the root font size doubles.
    narrow.evaluate("document.documentElement.style.fontSize = '200%'")
    assert narrow.evaluate("getComputedStyle(document.body).fontSize") == "32px"
    check_reflow(narrow)


MOTION = """() => {
    const moving = [];
    for (const el of [document.documentElement, ...document.body.querySelectorAll('*')]) {
        const s = getComputedStyle(el);
        const longest = (list) => Math.max(...list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 1 : 1000)));
        if (longest(s.transitionDuration) > 1 || (s.animationName !== 'none' && longest(s.animationDuration) > 1)) moving.push(el.tagName);
    }
    return {scroll: getComputedStyle(document.documentElement).scrollBehavior, moving};
}"""


def test_reduced_motion_turns_off_smooth_scrolling_and_animation(chromium, site_url):
    for preference, scroll in (("no-preference", "smooth"), ("reduce", "auto")):
        context = chromium.new_context(reduced_motion=preference)
        page = context.new_page()
        for path in ("/", "/issues/june-2016/", "/services/", "/stories/share/"):
            page.goto(site_url + path)
            motion = page.evaluate(MOTION)
            assert motion["scroll"] == scroll, (preference, path, motion)
            if preference == "reduce":
                assert motion["moving"] == [], (path, motion["moving"])
        context.close()
