"""The search engine's own SQL (one pass per search on Wagtail's SQLite and
PostgreSQL index tables) against Wagtail's search API on the same index."""

import pytest
from wagtail.models import Page

from search import engine, matching
from search.models import GlossaryTerm
from search.query import analyse, glossary_matcher
from tests.conftest import soup

QUERIES = ["PND", "groups", "peer support", "LGBT", "mental health", "bereaved parents", "video", "premature baby"]


def analysed(text):
    return analyse(text, glossary_matcher(GlossaryTerm.objects.all()))


@pytest.mark.parametrize("text", QUERIES)
def test_one_pass_finds_what_wagtails_search_finds(seeded, text):
    query = analysed(text).backend_query()
    index = matching.INDEXES[matching.database_backend()](query)
    pages = Page.objects.live().public()
    ours, broad = engine.rank(index, pages)
    assert not broad  # the seed is small: every match is ranked
    wagtails = {page.pk: page.content_type_id for page in pages.search(query)}
    assert ours, f"{text!r} should match the seed"
    assert dict(ours) == wagtails  # the same pages, each with its own type
    assert len(ours) == len(wagtails)  # and each once


def test_other_backends_go_through_wagtails_search_api(client, seeded, monkeypatch):
    monkeypatch.setattr(matching, "INDEXES", {})  # as with Elasticsearch: no SQL of our own, no cache
    page = soup(client.get("/search/", {"q": "PND"}))
    links = [a["href"] for a in page.select("ol.search-results .search-result__title a")]
    assert "/issues/june-2016/" in links
    counts = [a.get_text(" ", strip=True) for a in page.select("nav.search-filter a")]
    assert counts[0] == f"All ({len(links)})"  # fewer than a page of results
    filtered = soup(client.get("/search/", {"q": "PND", "type": "newsletter-issue"}))
    assert [a["href"] for a in filtered.select("ol.search-results .search-result__title a")] == ["/issues/june-2016/"]


@pytest.mark.parametrize("typed", ["pe", "peer sup", "acces", "west lon", "grou", "meet"])
def test_autocomplete_finds_what_wagtails_autocomplete_finds(seeded, typed):
    pages = Page.objects.live().public()
    ours = [page.pk for page in engine.autocomplete(pages, typed, limit=1000)]
    wagtails = {page.pk for page in pages.autocomplete(typed)}
    assert ours and set(ours) == wagtails and len(ours) == len(set(ours))


def test_names_containing_a_shorter_name_are_not_searched_twice():
    from search.query import shortest_alternatives

    names = [("distress",), ("emot", "distress"), ("mental", "health"), ("mental", "health", "problem"),
             ("health", "mental"), ("wellb",)]
    # Any name will do, so a page with a longer name is found by the shorter one it contains.
    assert shortest_alternatives(names) == [("distress",), ("mental", "health"), ("health", "mental"), ("wellb",)]


def test_stemming_gives_the_same_words_when_threads_stem_at_once():
    """gunicorn's threaded workers stem search words and snippets side by side. Threads are
    made to swap every 10 microseconds, so they interleave inside words: with one stemmer
    shared, 30 rounds each garbled about 230 of the 240 rounds (IndexError, AssertionError or
    wrong stems); 300 rounds at Python's usual 5 ms took 9 s of CPU to show the same."""
    import sys
    import threading

    from core.text import stem

    words = [f"{base}{ending}" for base in ("group", "support", "parent", "connect", "meet") for ending in
             ("", "s", "ing", "ed", "ings", "ingly", "ation", "ations", "fulness")]
    expected = [stem.__wrapped__(word) for word in words]
    garbled = []

    def stem_repeatedly():
        for _ in range(30):
            try:
                found = [stem.__wrapped__(word) for word in words]
            except Exception as error:  # what a shared stemmer raised in production, among others
                found = repr(error)
            if found != expected:
                garbled.append(found)

    threads = [threading.Thread(target=stem_repeatedly) for _ in range(8)]
    usual_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(usual_interval)
    assert not garbled
