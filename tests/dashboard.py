"""Helpers for the dashboard panel tests: render one panel as the admin home page does,
and read one of its sections."""

from bs4 import BeautifulSoup
from django.test import RequestFactory


def render_panel(panel, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return panel.render_html({"request": request, "csrf_token": "x"})


def panel_soup(panel, user):
    return BeautifulSoup(render_panel(panel, user), "html.parser")




def section(html, key):
    """The text of one section of a panel, whitespace collapsed."""
    found = html.select_one(f'[data-section="{key}"]')
    return " ".join(found.get_text(" ").split()) if found else None
