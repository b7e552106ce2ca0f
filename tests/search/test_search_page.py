"""The search page as a reader meets it: results, word forms, synonyms, filters,
pagination, crisis panel, empty and zero-result pages, promotions and logging."""

import datetime
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page, PageViewRestriction, Site

from core.seed import publish
from home.models import NewsletterIssuePage, StandardPage
from search.models import GlossaryTerm, SearchSettings
from tests.conftest import soup

ISSUE = "/issues/june-2016/"


def search(client, query, **params):
    return soup(client.get("/search/", {"q": query, **params}))


def result_links(page):
    return [a["href"] for a in page.select("ol.search-results .search-result__title a")]


def add_page(home, title, text, live=True):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), introduction=text)
    if live:
        return publish(home, page)
    page.live = False  # as the editor's "Save draft" leaves a new page
    home.add_child(instance=page)
    page.save_revision()
    return page


def issue_result(page):
    return next(li for li in page.select("ol.search-results > li") if li.select_one(f'h2 a[href="{ISSUE}"]'))


def marked(page):
    return [mark.get_text() for mark in page.select(".search-result__snippet mark")]


def test_results_show_type_title_highlighted_snippet_date_and_section(client, seeded):
    page = search(client, "PND")
    assert page.select_one('meta[name=robots]')["content"] == "noindex"
    assert "PND" in page.title.get_text()
    result = issue_result(page)
    assert result.select_one(".search-result__type").get_text() == "Newsletter issue"
    assert result.select_one(".search-result__date time")["datetime"].startswith("2016-06-01")
    assert result.select_one(".search-result__section a")["href"] == ISSUE + "#spotlight-on-parents"
    # The seed says "post-natal depression (PND)": the synonym is highlighted too.
    assert {"PND", "post-natal depression"} <= {m.get_text() for m in result.select(".search-result__snippet mark")}


def summary(page):
    return page.select_one(".search-summary").get_text(" ", strip=True)


def test_word_forms_behave_alike(client, seeded):
    forms = [summary(search(client, word)) for word in ("groups", "group", "grouping")]
    assert forms[0].endswith("results.") and forms[0] == forms[1] == forms[2]
    filming = search(client, "filming").select_one(".search-result__section a")["href"]
    assert filming == ISSUE + "#peer-support-video"  # the seed says "film" and "filming"


def test_synonyms_from_the_glossary_widen_the_search(client, seeded):
    # The seed never says "LGBT": it says "Lesbian, Gay, Bisexual and Trans".
    page = search(client, "LGBT")
    assert result_links(page)
    assert "Lesbian, Gay, Bisexual and Trans" in marked(page)
    about = page.select_one(".search-terms")
    assert "Lesbian, gay, bisexual and trans people." in about.get_text()
    assert about.select_one('a[href="/glossary/#lgbt"]')


def test_editors_synonyms_take_effect_at_once(client, seeded):
    assert not result_links(search(client, "befriending"))
    GlossaryTerm.objects.create(term="Buddy scheme", definition="Pairs you with someone who has been there.",
                                synonyms="befriending\nbuddying")
    page = search(client, "befriending")
    assert result_links(page) and "Buddy scheme" in marked(page)  # the seed's "Bliss Buddy scheme"


def test_glossary_edits_and_deletions_take_effect_at_once(client, seeded):
    term = GlossaryTerm.objects.get(slug="lgbt")
    assert search(client, "LGBT").select_one(".search-terms")  # the glossary has been read for a search
    term.definition = "Edited by an editor."
    term.save()
    assert "Edited by an editor." in search(client, "LGBT").select_one(".search-terms").get_text()
    term.delete()
    assert search(client, "LGBT").select_one(".search-terms") is None


def test_drafts_and_private_pages_never_match(client, seeded):
    add_page(seeded, "Draft page", "Quokka draft words.", live=False)
    private = add_page(seeded, "Private page", "Quokka private words.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    add_page(seeded, "Public page", "Quokka public words.")
    assert result_links(search(client, "quokka")) == ["/public-page/"]


def test_pages_under_a_private_section_never_match(client, seeded):
    section = add_page(seeded, "Members area", "For members.")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    publish(section, StandardPage(title="Members notes", slug="members-notes", introduction="Quokka members words."))
    add_page(seeded, "Public page", "Quokka public words.")
    assert result_links(search(client, "quokka")) == ["/public-page/"]


def test_filter_by_type_with_counts(client, seeded):
    add_page(seeded, "Commissioners page", "What commissioners fund.")
    page = search(client, "commissioners")  # the seed issue's video section says it too
    counts = {a.get_text(" ", strip=True): a["href"] for a in page.select("nav.search-filter a")}
    assert counts["All (2)"].endswith("q=commissioners")
    assert "Newsletter issue (1)" in counts and "Page (1)" in counts
    filtered = soup(client.get("/search/" + counts["Page (1)"]))
    assert result_links(filtered) == ["/commissioners-page/"]
    assert filtered.select_one('nav.search-filter a[aria-current="page"]').get_text(" ", strip=True) == "Page (1)"
    response = client.get("/search/", {"q": "parents", "type": "no-such-type"})
    assert response.status_code == 400 and b"filter by that kind of page" in response.content


def test_pagination_puts_the_page_number_in_the_title(client, seeded):
    for n in range(12):
        add_page(seeded, f"Axolotl {n}", "Axolotl care.")
    first = search(client, "axolotl")
    assert len(result_links(first)) == 10 and "page 1 of 2" in first.title.get_text()
    second = search(client, "axolotl", page=2)
    assert "page 2 of 2" in second.title.get_text() and second.select_one("ol.search-results")["start"] == "11"
    assert len(result_links(second)) == 2
    assert client.get("/search/", {"q": "axolotl", "page": "9"}).status_code == 404
    assert client.get("/search/", {"q": "axolotl", "page": "x"}).status_code == 404


def test_result_pages_cost_the_same_queries_however_many_results(client, seeded):
    def queries_for(word):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": word}).status_code == 200
        return len(captured.captured_queries)

    add_page(seeded, "Okapi 0", "Okapi facts.")
    for n in range(2):
        add_page(seeded, f"Tapir {n}", "Tapir facts.")
    for n in range(10):
        add_page(seeded, f"Gecko {n}", "Gecko facts.")
    queries_for("okapi")  # warm the per-process caches (content types, site root)
    assert queries_for("tapir") == queries_for("gecko") <= 30


def test_result_pages_cost_the_same_queries_however_many_issues_with_listings_they_show(client, seed_issue):
    """Each issue's sections list services and events its editors picked: those are read
    once for the page of results, not once for each issue shown."""
    def queries_for(word):
        client.get("/search/", {"q": word})
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            page = search(client, word)
        return len(result_links(page)), len(captured.captured_queries)

    for animal, copies in (("Okapi", 3), ("Ibex", 6)):
        for n in range(copies):
            body = list(seed_issue.body.raw_data)
            publish(seed_issue.get_parent(), NewsletterIssuePage(title=f"{animal} {n}", slug=f"{animal.lower()}-{n}", body=body))
    (three, three_cost), (six, six_cost) = queries_for("okapi"), queries_for("ibex")
    assert (three, six) == (3, 6) and six_cost == three_cost


def test_crisis_words_show_the_crisis_panel_above_results(client, seeded):
    page = search(client, "I want to kill myself")
    main = page.select_one("main")
    panels = page.select("aside.crisis-panel")
    assert len(panels) == 1 and panels[0] in main.select("aside.crisis-panel")
    assert "Samaritans" in panels[0].get_text() and panels[0].find_previous("form", class_="search-form")
    calm = search(client, "parents")
    assert not calm.select("main aside.crisis-panel") and len(calm.select("aside.crisis-panel")) == 1
    for words in ("suicidal thoughts", "Self-Harming", "selfharm"):
        assert search(client, words).select("main aside.crisis-panel"), words


def test_crisis_terms_are_editable(client, seeded):
    assert not search(client, "hopeless").select("main aside.crisis-panel")
    settings = SearchSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_terms += "\nhopeless"
    settings.save()
    assert search(client, "feeling hopeless").select("main aside.crisis-panel")


def test_zero_results_say_what_was_tried_and_where_to_go(client, seeded):
    GlossaryTerm.objects.create(term="Zorbing", definition="Rolling downhill in a ball.", synonyms="sphereing")
    page = search(client, "zorbing")
    assert not page.select("ol.search-results")
    text = page.select_one(".search-none").get_text(" ", strip=True)
    assert "We found no pages" in text and "sphereing" in text
    assert page.select_one('.search-none a[href="/glossary/"]')
    assert "020 8964 1333" in text and page.select_one('.search-none a[href="mailto:zoe.copeland@kcmind.org.uk"]')


def test_blank_and_whitespace_queries_get_a_helpful_page(client, seeded):
    for query in ("", "   ", "\t\n"):
        page = search(client, query)
        assert page.h1.get_text() == "Search" and not page.select("ol.search-results")
        assert "Type a word or two" in page.select_one("main").get_text()
    no_words = search(client, "😀 ***")
    assert "could not find any words" in no_words.select_one("main").get_text()


def test_too_long_queries_are_refused_clearly(client, seeded):
    response = client.get("/search/", {"q": "support " * 40})
    assert response.status_code == 400
    assert b"Your search is too long" in response.content
    assert client.get("/search/", {"q": "a" * 200}).status_code == 200


HOSTILE_QUERIES = [
    '"', '""', '"peer support', "peer*", "*", "-support", "peer -support", "NEAR", "peer NEAR support",
    "NEAR(peer support)", "AND", "OR OR OR", "NOT peer", "peer AND support OR NOT group", "title:peer",
    "{title}: peer", "peer^2", "(peer", "peer)", "'; DROP TABLE wagtailcore_page; --", "' OR 1=1 --",
    "!peer & support | group", "peer:*", "a\\b", "\x00peer", "support\x00", "😀 peer 😀", "مجموعات الدعم",
    "心理健康", "Здоровье группы", "ñandú café", "<script>alert('x')</script>", "x" * 40 + " " + "y" * 60,
]


def test_hostile_and_odd_queries_never_fail(client, seeded):
    for query in HOSTILE_QUERIES:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        assert b"<script>alert(" not in response.content
        assert client.get("/search/autocomplete/", {"q": query}).status_code == 200, query
    assert b"&lt;script&gt;alert(" in client.get("/search/", {"q": HOSTILE_QUERIES[-2]}).content


def test_promotions_come_first(client, seeded):
    contact = Page.objects.get(slug="contact")
    query = Query.get("PND")
    SearchPromotion.objects.create(query=query, page=contact, description="Talk to us about PND support.", sort_order=0)
    page = search(client, "pnd")
    picks = page.select_one(".search-promotions")
    assert picks.select_one("a")["href"] == "/contact/" and "Talk to us about PND support." in picks.get_text()
    assert picks.find_next("ol", class_="search-results")


def test_promotions_of_drafts_and_private_pages_are_left_out_and_external_links_kept(client, seeded):
    query = Query.get("quokka")
    draft = add_page(seeded, "Quokka draft", "Quokka words.", live=False)
    private = add_page(seeded, "Quokka private", "Quokka words.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = add_page(seeded, "Quokka public", "Quokka words.")
    for order, page in enumerate((draft, private, public)):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)
    SearchPromotion.objects.create(query=query, external_link_url="https://example.org/quokkas",
                                   external_link_text="Quokka facts", sort_order=3)
    picks = search(client, "quokka").select(".search-promotions a")
    assert [a["href"] for a in picks] == ["/quokka-public/", "https://example.org/quokkas"]


def test_queries_are_logged_as_text_only_and_garbage_collected(client, seeded, settings):
    search(client, "Twins")
    search(client, "twins")
    search(client, "twins", page=1, type="newsletter-issue")  # filtering is not a new search
    logged = Query.objects.get(query_string="twins")
    assert logged.hits == 2
    stored = {field.name for field in QueryDailyHits._meta.get_fields()} | {f.name for f in Query._meta.get_fields()}
    assert not stored & {"ip", "ip_address", "user", "session", "user_agent"}
    assert settings.WAGTAILSEARCH_HITS_MAX_AGE == 30
    old = QueryDailyHits.objects.create(query=logged, date=datetime.date.today() - datetime.timedelta(days=31), hits=5)
    call_command("searchpromotions_garbage_collect", verbosity=0)
    assert not QueryDailyHits.objects.filter(pk=old.pk).exists() and Query.get("twins").hits == 2


def test_autocomplete_suggests_titles_as_json(client, seeded):
    data = client.get("/search/autocomplete/", {"q": "acces"}).json()
    assert {"value": "Accessibility statement", "url": "/accessibility/"} in data["suggestions"]
    glossary = client.get("/search/autocomplete/", {"q": "peer ment"}).json()
    assert {"value": "Peer mentoring", "url": "/glossary/#peer-mentoring"} in glossary["suggestions"]
    assert client.get("/search/autocomplete/", {"q": ""}).json()["suggestions"] == []
    assert client.get("/search/autocomplete/", {"q": "x" * 201}).status_code == 400


def test_search_page_meets_the_strict_csp(client, seeded):
    page = search(client, "kill myself")
    assert not page.select("[style]") and not page.select("[onclick]")
    scripts = page.select("script")
    assert scripts and all(script.get("src") or script.get("type") == "application/ld+json" for script in scripts)
    field = page.select_one("#search-q")
    assert page.select_one('label[for="search-q"]') and field["maxlength"] == "200"


def test_story_submissions_are_never_searched(client, seeded):
    from stories.models import StorySubmission

    role = StorySubmission._meta.get_field("role").choices[0][0]
    StorySubmission.objects.create(
        name="Sam", email="sam@example.org", role=role, story="My wombatlike private story.",
        consent_version="1", health_consent_text="Yes", publish_consent_text="Yes",
    )
    page = search(client, "wombatlike")
    assert not page.select("ol.search-results") and "We found no pages" in page.get_text()


def test_repeated_searches_reuse_the_ranking_until_pages_change(client, seeded):
    def queries_for(word, **params):
        with CaptureQueriesContext(connection) as captured:
            page = search(client, word, **params)
        return len(captured.captured_queries), result_links(page)

    add_page(seeded, "Quokka one", "Quokka words.")
    first, links = queries_for("quokka")
    again, links_again = queries_for("quokka")
    filtered, _ = queries_for("quokka", type="page")
    assert again < first and filtered < first and links_again == links == ["/quokka-one/"]
    add_page(seeded, "Quokka two", "Quokka words.")  # publishing starts a new ranking at once
    assert sorted(queries_for("quokka")[1]) == ["/quokka-one/", "/quokka-two/"]


def test_a_cached_ranking_never_shows_a_page_made_private_elsewhere(client, seeded):
    public, private = add_page(seeded, "Quokka one", "Quokka words."), add_page(seeded, "Quokka two", "Quokka words.")
    assert len(result_links(search(client, "quokka"))) == 2
    # As another web process would: no signal reaches this process's cache.
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=private, restriction_type="login")])
    assert result_links(search(client, "quokka")) == [public.url]


@pytest.fixture
def redis_cache(settings):
    """Django's Redis cache, as production uses it when REDIS_URL is set."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not answering at {url}")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                    "KEY_PREFIX": f"peertalk-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"}
    }
    from django.core.cache import cache

    _delete_keys(cache)  # cache.clear() would empty the database for every test worker
    yield cache
    _delete_keys(cache)


def test_rankings_are_shared_through_redis(client, seeded, redis_cache):
    add_page(seeded, "Quokka one", "Quokka words.")
    assert result_links(search(client, "quokka")) == ["/quokka-one/"]
    assert any(key.startswith("search:matches:") for key in _redis_keys(redis_cache))
    add_page(seeded, "Quokka two", "Quokka words.")
    assert sorted(result_links(search(client, "quokka"))) == ["/quokka-one/", "/quokka-two/"]


def _redis_keys(cache):
    """This test worker's keys, without the prefix."""
    prefix = cache.make_key("")
    return [key.decode().removeprefix(prefix) for key in cache._cache.get_client().scan_iter(f"{prefix}*")]


def _delete_keys(cache):
    for key in _redis_keys(cache):
        cache.delete(key)


def test_a_kind_with_no_results_says_so_and_links_back_to_all(client, seeded):
    page = search(client, "PND", type="event")  # PND is in the issue and services, no event
    assert not page.select("ol.search-results")
    back = page.select_one(".search-filter-none a")
    assert back["href"] == "?q=PND" and back.get_text().startswith("Show all")


def test_demo_content_is_found_by_search_once_generated(seeded, client):
    call_command("generate_demo_content", services=2, stories=2, issues=1, events=1, stdout=open(os.devnull, "w"))
    for title, query in [("Demo story 4", "demo story"), ("#PeerTalk demo issue 2", "demo issue")]:
        page = search(client, query)
        titles = [" ".join(a.get_text(" ").split()) for a in page.select("ol.search-results .search-result__title a")]
        assert title in titles, (title, titles)
    service = search(client, "Demo organisation")
    assert len(result_links(service)) == 2


def test_issue_sections_read_for_results_have_the_same_words_without_what_listings_picked(seed_issue):
    """Results read issues' bodies without the pages, snippets and images their listing blocks
    picked (search.engine._unchosen): a chooser adds no words, so each section's words are
    those of the body read in full. The seed issue's sections list services and events."""
    from search.engine import _read_bodies_together, _section_text

    in_full = NewsletterIssuePage.objects.get(pk=seed_issue.pk)
    for_results = NewsletterIssuePage.objects.get(pk=seed_issue.pk)
    with CaptureQueriesContext(connection) as captured:
        _read_bodies_together([for_results])
        texts = [_section_text(section) for section in for_results.sections]
    assert not captured.captured_queries
    assert texts == [_section_text(section) for section in in_full.sections] and len(texts) > 3
