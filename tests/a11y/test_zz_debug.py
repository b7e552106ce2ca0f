import threading, urllib.request
import pytest
from django.db import connections
from tests.a11y.conftest import a11y_marks
pytestmark = a11y_marks("test_zz")

def test_debug(chromium, site_url, _seeded_server):
    print("TEST", id(connections["default"]), id(_seeded_server.thread.connections_override["default"]))
    print(urllib.request.urlopen(site_url + "/").status)
    page = chromium.new_page()
    print(page.goto(site_url + "/").status)
