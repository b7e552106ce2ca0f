"""Readers meet stories: the seed's three, content notes, the crisis panel and the index filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from stories.models import ContentNote, ShareStoryPage, StoryIndexPage, StoryPage
from tests.conftest import soup


class StoryTreeTests(WagtailPageTestCase):
    def test_index_under_home_once_stories_and_form_under_the_index(self):
        # Directly under the home page, never deeper (it cannot name home.HomePage: see core.SectionIndexPage).
        self.assertTrue(StoryIndexPage.can_exist_under(HomePage.objects.get()))
        self.assertFalse(StoryIndexPage.can_exist_under(StandardPage.objects.first()))
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage, ShareStoryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(ShareStoryPage, {StoryIndexPage})
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(StandardPage, StoryPage)

    def test_seeded_pages_route_and_render_and_singletons_stay_single(self):
        from core.taxonomy_seed import ensure_taxonomies
        from home.seed import ensure_home_page
        from stories.seed import load

        ensure_taxonomies()
        index = load(ensure_home_page())
        self.assertFalse(StoryIndexPage.can_create_at(HomePage.objects.get()))
        self.assertFalse(ShareStoryPage.can_create_at(index))
        self.login()
        for page in [index, ShareStoryPage.objects.get(), *StoryPage.objects.all()]:
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertEqual(self.client.get(f"/admin/pages/{page.pk}/edit/").status_code, 200)


@pytest.mark.django_db
def test_content_notes_come_before_the_story_and_the_crisis_numbers_beside_it(client, story_index):
    story = StoryPage.objects.get(slug="not-alone-in-difficult-times")
    story.content_notes.set(ContentNote.objects.filter(slug__in=["baby-loss", "suicide"]))
    story.save_revision().publish()
    page = soup(client.get(story.url))
    article = page.select_one("main article")
    note = article.select_one(".content-notes")
    assert note["role"] == "note" and note.has_attr("aria-labelledby")
    assert note.get_text(" ", strip=True) == "Content note: this story mentions baby loss and suicide."
    # The note comes before the story itself.
    assert note.find_next("figure", class_="quote") is not None
    assert note.find_previous("figure", class_="quote") is None
    crisis = article.select_one(".stories-crisis")
    assert "116 123" in crisis.get_text() and crisis.select_one("a[href='tel:116123']")
    assert page.select_one("aside.crisis-panel")  # and the site-wide panel too


def _index(client, query=""):
    return client.get("/stories/" + query)


@pytest.mark.django_db
def test_index_cards_show_pull_quote_and_content_notes_newest_first(client, story_index):
    newest = StoryPage.objects.get(slug="a-great-place-to-make-new-friends")
    newest.story_date = newest.story_date.replace(year=2017)
    newest.content_notes.set(ContentNote.objects.filter(slug="self-harm"))
    newest.save_revision().publish()
    page = soup(_index(client))
    cards = page.select("main .story-card")
    assert len(cards) == 3
    assert cards[0].select_one(".card__title").get_text(strip=True) == newest.title
    assert cards[0].select_one(".story-card__quote").get_text(strip=True).startswith("It is a great place")
    assert "self-harm" in cards[0].select_one(".story-card__notes").get_text()
    assert page.select_one("main a[href='/stories/share/']")


@pytest.mark.django_db
def test_index_filters_by_topic_type_and_role(client, story_index):
    provider = StoryPage.objects.get(slug="people-going-through-the-same-things")
    provider.role = "provided"
    provider.save_revision().publish()

    def titles(query):
        return {a.get_text(strip=True) for a in soup(_index(client, query)).select("main .story-card .card__title a")}

    assert titles("?topic=single-parenting") == {"Not alone in difficult times", provider.title}
    assert titles("?type=peer-led") == {provider.title}
    assert titles("?role=provided") == {provider.title}
    assert titles("?role=received&topic=single-parenting") == {"Not alone in difficult times"}
    assert titles("?topic=stillbirth") == set()
    # The form is a plain GET form with labels, and keeps the choices.
    form = soup(_index(client, "?topic=single-parenting")).select_one("main form.filters")
    assert form["method"] == "get"
    for name in ["topic", "type", "role"]:
        select = form.select_one(f"select[name={name}]")
        assert form.select_one(f"label[for={select['id']}]")
    assert form.select_one("option[value=single-parenting]").has_attr("selected")


@pytest.mark.django_db
def test_bad_filters_are_a_clear_400_and_bad_pages_a_404(client, story_index):
    for query in ["?topic=no-such-topic", "?role=everyone", "?type=%00"]:
        response = _index(client, query)
        assert response.status_code == 400, query
        assert "There is a problem" in response.content.decode()
    for query in ["?page=99", "?page=two"]:
        assert _index(client, query).status_code == 404, query


@pytest.mark.django_db
@pytest.mark.usefixtures("no_page_cache")
def test_index_queries_do_not_grow_with_stories(client, story_index):
    from stories.demo import generate

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert _index(client, "?topic=single-parenting").status_code == 200
        return len(queries)

    generate(3, story_index.get_parent())
    count()  # warm Wagtail's cached site root paths
    few = count()
    generate(20, story_index.get_parent())
    assert count() == few, "each card must not run its own queries"
    assert few <= 20  # site, routing, settings, menus, filters: none of it per story
