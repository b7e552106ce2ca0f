"""A search costs the same however many pages the site holds that it does not find.

SQLite counts the steps its virtual machine runs for everything a request asks of the
database (the menu, the search, the counts, logging), so reading one row more per page
on the site shows as a thousand more steps. PostgreSQL has no such count: skipped there.
"""

import random

import pytest
from django.db import connection

from bench.search import generate
from search.results_cache import forget_all
from tests.conftest import soup
from tests.search.test_search_page import add_page

MORE_PAGES = 1000


def database_steps(client, query):
    """The steps SQLite's virtual machine takes (its progress handler, called every step)
    for one search with its ranking not cached, after a search that warmed everything else."""
    assert soup(client.get("/search/", {"q": query}))
    forget_all()
    calls = []
    connection.connection.set_progress_handler(lambda: calls.append(1) and 0, 1)
    try:
        page = soup(client.get("/search/", {"q": query}))
    finally:
        connection.connection.set_progress_handler(None, 1)
    return page, len(calls)


@pytest.mark.parametrize("query", ["quokka", "xyzzy"], ids=["one result", "no results"])
def test_a_search_reads_no_more_of_the_database_with_a_thousand_more_pages_it_does_not_find(client, seeded, query):
    if connection.vendor != "sqlite":
        pytest.skip("counts SQLite's virtual machine steps")
    add_page(seeded, "Quokka walk", "Quokkas walk on Rottnest Island.")
    first, before = database_steps(client, query)
    generate(seeded, MORE_PAGES, random.Random(16))  # in a section of their own, as the bench's pages
    again, after = database_steps(client, query)
    assert again.select_one("main").get_text() == first.select_one("main").get_text()
    assert after <= before * 1.1, (before, after)
