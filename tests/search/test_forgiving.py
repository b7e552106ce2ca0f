"""Search forgives spelling and knows irregular word forms: "Did you mean ...?",
typing tolerance in autocomplete, and child/children, woman/women alike."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.seed import publish
from home.models import StandardPage
from search import spelling
from search.models import GlossaryTerm
from tests.conftest import soup

ISSUE = "/issues/june-2016/"


def search(client, query):
    return soup(client.get("/search/", {"q": query}))


def result_links(page):
    return [a["href"] for a in page.select("ol.search-results .search-result__title a")]


def suggestion(page):
    found = page.select_one(".search-suggestion")
    return found and found.select_one("a")


@pytest.mark.parametrize(
    "typed, meant",
    [("gingerbred", "gingerbread"), ("miscarrige", "miscarriage"), ("berevement", "bereavement"),
     ("infertilty", "infertility"), ("Commisioners", "Commissioners")],
)
def test_a_misspelt_word_that_finds_nothing_gets_a_did_you_mean_link(client, seeded, typed, meant):
    page = search(client, typed)
    assert not result_links(page)
    none = page.select_one(".search-none")
    assert f"We found no pages for “{typed}”." in none.get_text()
    assert f"No page uses the word “{typed.lower()}”." in none.select_one(".search-suggestion").get_text()
    link = suggestion(page)
    assert link.get_text() == meant
    followed = soup(client.get(link["href"]))
    assert result_links(followed), f"{meant!r} should find pages"
    assert not suggestion(followed)  # a query that finds pages is never "corrected"


def test_only_the_unknown_words_are_respelt(client, seeded):
    page = search(client, "single mums gingerbred")
    assert suggestion(page).get_text() == "single mums gingerbread"
    assert "No page uses the word “gingerbred”." in page.select_one(".search-suggestion").get_text()
    assert result_links(page)  # the loosened search still shows what it found


@pytest.mark.parametrize("query", ["peer support", "video", "grief", "stillbirth", "parents"])
def test_queries_with_good_results_are_never_corrected(client, seeded, query):
    page = search(client, query)
    assert len(result_links(page)) >= 1
    assert page.select_one(".search-suggestion") is None


def test_no_suggestion_when_no_word_on_the_site_is_close(client, seeded):
    page = search(client, "xyzzy quokka")
    assert not result_links(page)
    assert page.select_one(".search-suggestion") is None


def test_drafts_and_private_pages_never_lend_their_words(client, seeded):
    assert suggestion(search(client, "zebrafsh")) is None  # the vocabulary is now built and cached
    draft = StandardPage(title="Zebrafish club", slug="zebrafish-club", introduction="Zebrafish keepers meet.")
    draft.live = False  # as the editor's "Save draft" leaves a new page
    seeded.add_child(instance=draft)
    draft.save_revision()
    private = publish(seeded, StandardPage(title="Axolotl club", slug="axolotl-club", introduction="Axolotls."))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    known = spelling.vocabulary()
    assert "zebrafish" not in known and "axolotl" not in known
    assert suggestion(search(client, "zebrafsh")) is None
    assert suggestion(search(client, "axolotel")) is None


def test_a_published_page_adds_its_words_at_once(client, seeded):
    assert suggestion(search(client, "quokkas")) is None  # the vocabulary is now built and cached
    publish(seeded, StandardPage(title="Quokka walks", slug="quokka-walks", introduction="Walking with quokkas."))
    assert "quokka" in spelling.vocabulary()
    assert suggestion(search(client, "quokkka")).get_text() == "quokka"


def test_a_privacy_change_rebuilds_the_vocabulary_once_committed_without_the_private_words(
    client, seeded, django_capture_on_commit_callbacks
):
    private = publish(seeded, StandardPage(title="Axolotl club", slug="axolotl-club", introduction="Axolotls."))
    assert "axolotl" in spelling.vocabulary()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    stored_version, stored_words, _titles = cache.get(spelling.VOCABULARY_KEY)
    assert cache.get(spelling.VERSION_KEY) == stored_version and "axolotl" not in stored_words
    assert suggestion(search(client, "axolotel")) is None


def test_the_daily_rebuild_drops_words_no_longer_on_the_site(seeded):
    page = publish(seeded, StandardPage(title="Quokka walks", slug="quokka-walks", introduction="Quokkas."))
    assert "quokka" in spelling.vocabulary()
    page.unpublish()
    call_command("run_daily_jobs", stdout=io.StringIO())
    assert "quokka" not in spelling.vocabulary()


def test_glossary_names_and_taxonomy_names_are_in_the_vocabulary(seeded):
    GlossaryTerm.objects.create(term="Befriending", definition="Someone visits for a chat.", synonyms="Buddying")
    known = spelling.vocabulary()
    assert "buddying" in known and "befriending" in known
    assert "lgbt" in known  # a glossary name
    assert "bereav" not in known and "bereavement" in known  # the stems every page also indexes are not words


def test_the_vocabulary_is_built_in_a_fixed_number_of_queries(seeded):
    with CaptureQueriesContext(connection) as small:
        spelling.build()
    for n in range(5):
        publish(seeded, StandardPage(title=f"Extra page {n}", slug=f"extra-{n}", introduction="More words here."))
    with CaptureQueriesContext(connection) as bigger:
        spelling.build()
    assert len(small) == len(bigger) <= 4


@pytest.mark.parametrize("typed", ["gingr", "gingerbr", "gnigerbread", "Gingerbraed"])
def test_autocomplete_forgives_typos(client, seeded, typed):
    values = [item["value"] for item in client.get("/search/autocomplete/", {"q": typed}).json()["suggestions"]]
    assert any(value.startswith("Gingerbread") for value in values), values


def test_autocomplete_that_fills_its_list_needs_no_vocabulary(client, seeded):
    suggestions = client.get("/search/autocomplete/", {"q": "peer"}).json()["suggestions"]
    assert len(suggestions) == 8
    assert cache.get(spelling.VOCABULARY_KEY) is None


@pytest.mark.parametrize(
    "query, expected",
    [("disabled child", "/services/full-of-life/"), ("child", "/services/full-of-life/"),
     ("woman", ISSUE), ("women", ISSUE)],
)
def test_irregular_plurals_find_each_other(client, seeded, query, expected):
    page = search(client, query)
    assert expected in result_links(page)


def test_irregular_forms_are_highlighted(client, seeded):
    page = search(client, "disabled child")
    marks = {mark.get_text().lower() for mark in page.select(".search-result__snippet mark")}
    assert "children" in marks
