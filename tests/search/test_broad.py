"""Broad searches: more than engine.BROAD pages match, so only the best title
matches are ranked and the counts stop at the limit (see engine.rank). The seed
site is small, so these tests lower the limit."""

import pytest
from django.db import connection

from search import engine
from search.models import TitleIndexEntry
from tests.search.test_search_page import ISSUE, add_page, result_links, search


@pytest.fixture
def broad_above_three(monkeypatch):
    monkeypatch.setattr(engine, "BROAD", 3)
    monkeypatch.setattr(engine, "CANDIDATES", 2)


def summary(page):
    return page.select_one("#search-summary").get_text(" ", strip=True)


def test_a_broad_search_says_more_than_and_puts_title_matches_first(client, seeded, broad_above_three):
    titled = [add_page(seeded, f"Quokka walk {n}", "Quokkas walk.") for n in range(2)]
    for n in range(4):
        add_page(seeded, f"Island walk {n}", "A quokka was seen on the walk.")
    page = search(client, "quokka")
    assert summary(page).startswith("More than 3 results")
    links = result_links(page)
    assert sorted(links[:2]) == sorted(p.url for p in titled)
    assert len(links) == len(set(links)) >= 4  # the ranked candidates, then the other matches found


def test_a_search_with_few_matches_gives_the_exact_count(client, seeded, broad_above_three):
    add_page(seeded, "Quokka walk", "Quokkas walk.")
    page = search(client, "quokka")
    assert summary(page) == "1 result."


def test_a_broad_search_filtered_by_a_rare_kind_still_finds_it(client, seeded, monkeypatch):
    monkeypatch.setattr(engine, "BROAD", 1)  # PND finds the issue and two services
    every = search(client, "PND")
    assert summary(every).startswith("More than 1 result")
    filter_counts = {a.get_text(" ", strip=True) for a in every.select("nav.search-filter a")}
    assert "Newsletter issue (1)" in filter_counts
    assert result_links(search(client, "PND", type="newsletter-issue")) == [ISSUE]


def test_a_broad_search_puts_title_matches_first_when_drafts_have_the_best_titles(client, seeded, broad_above_three):
    """The best titles are read before the pages are checked, with room for twice as many
    as wanted (search.matching.TITLE_HEADROOM): drafts that fill that room are left out
    and every title match is checked instead."""
    for n in range(4):
        add_page(seeded, f"Island walk {n}", "A quokka was seen on the walk.")
    for n in range(5):  # the five best titles of all: "quokka" and no other word
        add_page(seeded, f"Quokka {n}", "Drafts are not shown.", live=False)
    titled = [add_page(seeded, f"Quokka walk round the island {n}", "Quokkas walk.") for n in range(2)]
    links = result_links(search(client, "quokka"))
    assert sorted(links[:2]) == sorted(page.url for page in titled)
    assert not any(link.startswith("/quokka-") and "walk" not in link for link in links)


@pytest.mark.parametrize("broad", [False, True])
def test_each_search_finds_its_own_words_with_the_statements_of_the_one_before(client, seeded, monkeypatch, broad):
    """Ranking statements are compiled once per process and only their words change
    (search.matching._run): a second search must not find the first one's pages."""
    if broad:
        monkeypatch.setattr(engine, "BROAD", 1)
        monkeypatch.setattr(engine, "CANDIDATES", 1)
    for n in range(3):
        add_page(seeded, f"Quokka {n}", "Quokka care.")
        add_page(seeded, f"Axolotl {n}", "Axolotl care.")
    for word in ("quokka", "axolotl", "quokka"):
        page = search(client, word)
        links = result_links(page)
        assert links and all(link.startswith(f"/{word}-") for link in links), (word, links)
        assert summary(page) == ("More than 1 results. Add a word or two to find fewer." if broad else "3 results.")


def test_a_broad_search_picks_title_matches_by_the_titles_pages_have_now(client, seeded, broad_above_three):
    """A broad search's candidates come from an index of titles alone (on SQLite, a table
    of its own, kept in step by triggers): a page renamed away from the word, its text too,
    is no title match any more, and a deleted one is gone."""
    renamed, kept, deleted = (add_page(seeded, f"Quokka walk {n}", "Quokkas walk.") for n in range(3))
    for n in range(4):
        add_page(seeded, f"Island walk {n}", "A quokka was seen on the walk.")
    renamed.title, renamed.introduction = "Island path", "A walk round the island."
    renamed.save_revision().publish()
    deleted_url = deleted.url
    deleted.delete()
    links = result_links(search(client, "quokka"))
    assert links[0] == kept.url  # the only title left with the word
    assert renamed.url not in links and deleted_url not in links
    assert result_links(search(client, "path")) == [renamed.url]


def test_the_sqlite_titles_index_stays_true_to_the_index_entries(seeded):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 titles index")
    table = TitleIndexEntry._meta.db_table

    def titled(word):
        return TitleIndexEntry.objects.extra(where=[f"{table} MATCH %s"], params=[word]).count()

    page = add_page(seeded, "Quokka parade", "Quokkas on parade.")
    page.title = "Axolotl parade"
    page.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")  # raises if it has drifted
    assert (titled("quokka"), titled("axolotl")) == (0, 1)
    page.delete()
    assert titled("axolotl") == 0
