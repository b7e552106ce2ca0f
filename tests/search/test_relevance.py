"""The judged queries in relevance.yaml, through the search page as a reader uses it.

Runs on whichever database DATABASE_URL selects: `make test` (SQLite) and
`make test-postgres` (PostgreSQL) both run it.
"""

from pathlib import Path

import yaml

from tests.conftest import soup

JUDGEMENTS = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text(encoding="utf-8"))


def links(page, n):
    results = page.select("ol.search-results > li")[:n]
    return {link["href"] for result in results for link in result.select(".search-result__title a, .search-result__section a")}


def top_links(client, query, n=3):
    """The links of the first `n` results, and of the first `n` results of the
    "Did you mean ...?" search when there is one: a misspelt query reaches its
    page either way."""
    page = soup(client.get("/search/", {"q": query}))
    found = links(page, n)
    suggestion = page.select_one(".search-suggestion a")
    if suggestion:
        found |= links(soup(client.get(suggestion["href"])), n)
    return found


def test_relevance_set_is_big_enough():
    assert len(JUDGEMENTS) >= 25
    assert all(set(item) == {"query", "expect"} for item in JUDGEMENTS)


def test_every_judged_query_finds_its_page_in_the_top_three(client, seeded):
    misses = []
    for item in JUDGEMENTS:
        expected = item["expect"] if isinstance(item["expect"], list) else [item["expect"]]
        found = top_links(client, item["query"])
        if not found.intersection(expected):
            misses.append(f"{item['query']!r}: wanted {expected}, top 3 had {sorted(found)}")
    score = 1 - len(misses) / len(JUDGEMENTS)
    print(f"relevance: {len(JUDGEMENTS) - len(misses)}/{len(JUDGEMENTS)} judged queries ({score:.0%})")
    assert not misses, "\n".join(misses)
