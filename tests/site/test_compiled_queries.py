"""core.compiled and core.prefetch: queries compiled once per process give the rows the
queryset itself gives."""

import datetime
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from wagtail.models import Page

from core.compiled import CompiledQuery
from core.prefetch import prefetch
from core.taxonomies import Audience
from events.models import EventExcludedDate, EventPage
from stories.models import StoryPage


def titles(pages):
    return sorted(page.title for page in pages)


@pytest.fixture
def by_slugs():
    """Pages by slug, at least `depth` deep: `slugs` may be a list of any length."""
    return CompiledQuery(lambda slugs, depth: Page.objects.filter(slug__in=slugs, depth__gte=depth))


def test_each_call_gives_the_pages_its_own_arguments_name(seeded, by_slugs):
    for slugs, depth in [(["events", "services"], 3), (["stories", "issues"], 3), (["events", "services"], 9)]:
        assert titles(by_slugs(slugs, depth)) == titles(Page.objects.filter(slug__in=slugs, depth__gte=depth))
    assert titles(by_slugs(["events", "services"], 9)) == []


def test_string_arguments_each_go_in_their_own_place(seeded):
    under = CompiledQuery(lambda slugs, url_start: Page.objects.filter(slug__in=slugs, url_path__startswith=url_start))
    assert titles(under(["events", "stories"], "/peertalk-home/")) == ["Dates for the diary", "Peer support stories"]
    assert titles(under(["events", "stories"], "/peertalk-home/stories")) == ["Peer support stories"]


def test_lists_of_other_lengths_and_repeated_items_give_the_right_pages(seeded, by_slugs):
    assert titles(by_slugs(["events"], 1)) == titles(Page.objects.filter(slug="events"))
    assert titles(by_slugs(["events", "events", "stories"], 1)) == titles(Page.objects.filter(slug__in=["events", "stories"]))
    assert by_slugs([], 1) == []


def test_a_second_call_reads_its_rows_without_compiling_sql(seeded, by_slugs, monkeypatch, django_assert_num_queries):
    by_slugs(["events", "services"], 3)
    compiled = []
    real_as_sql = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(self) or real_as_sql(self, *a, **k))
    with django_assert_num_queries(1):
        pages = by_slugs(["stories", "issues"], 3)
    assert compiled == []
    assert titles(pages) == titles(Page.objects.filter(slug__in=["stories", "issues"]))


def test_a_like_argument_matches_its_wildcard_characters_literally(seeded):
    seeded.add_child(instance=Page(title="Fifty percent", slug="50-percent"))
    starting = CompiledQuery(lambda prefix: Page.objects.filter(title__startswith=prefix))
    assert titles(starting("Fifty")) == ["Fifty percent"]
    assert titles(starting("F_fty")) == []
    assert titles(starting("%percent")) == []


def test_a_fixed_value_equal_to_a_stand_in_stays_fixed(seeded):
    """Stand-ins start at 20000: a filter of the query's own with that number is not an argument."""
    pages = CompiledQuery(lambda depth: Page.objects.filter(depth=depth).exclude(numchild=20000))
    assert titles(pages(3)) == titles(Page.objects.filter(depth=3))


def test_an_argument_that_changes_the_sql_is_refused(seeded):
    """A LIMIT is written into the SQL, not passed with it."""
    with pytest.raises(ValueError, match="changes the SQL"):
        CompiledQuery(lambda limit: Page.objects.all()[:limit])(3)


def test_values_of_other_types_are_read_without_compiling_once(seeded):
    """A date or None has no stand-in: the queryset is read as Django reads it."""
    pages = CompiledQuery(lambda title: Page.objects.filter(title=title))
    assert pages(None) == []
    assert titles(pages("Dates for the diary")) == ["Dates for the diary"]


# --- core.prefetch -------------------------------------------------------------------


@pytest.fixture
def event_with_relations(seeded):
    """The first seed event with three audiences and two dates it does not happen."""
    event = EventPage.objects.order_by("pk").first()
    event.audiences.set(Audience.objects.order_by("-name")[:3])
    event.save()
    EventExcludedDate.objects.create(page=event, date=datetime.date(2030, 1, 9), sort_order=1)
    EventExcludedDate.objects.create(page=event, date=datetime.date(2030, 1, 2), sort_order=0)
    return event


def test_prefetch_leaves_each_events_audiences_and_dates_ready_in_their_own_order(event_with_relations, django_assert_num_queries):
    with django_assert_num_queries(3):
        events = prefetch(EventPage.objects.order_by("pk"), "audiences", "excluded_dates")
    with django_assert_num_queries(0):
        audiences = {event.pk: [audience.name for audience in event.audiences.all()] for event in events}
        dates = {event.pk: [excluded.date for excluded in event.excluded_dates.all()] for event in events}
        parents_known = all(excluded.page is event for event in events for excluded in event.excluded_dates.all())
    assert len(audiences[event_with_relations.pk]) == 3
    assert audiences[event_with_relations.pk] == sorted(audiences[event_with_relations.pk])
    assert dates[event_with_relations.pk] == [datetime.date(2030, 1, 2), datetime.date(2030, 1, 9)]
    assert parents_known
    django_reads = EventPage.objects.order_by("pk").prefetch_related("audiences", "excluded_dates")
    assert audiences == {event.pk: [audience.name for audience in event.audiences.all()] for event in django_reads}


def test_a_filter_on_a_prefetched_relation_still_filters_that_pages_relation(event_with_relations):
    (event,) = prefetch([EventPage.objects.get(pk=event_with_relations.pk)], "audiences")
    chosen = event.audiences.all()[1]
    assert list(event.audiences.filter(name=chosen.name)) == [chosen]
    other = Audience.objects.exclude(events=event).first()
    assert not event.audiences.filter(name=other.name).exists()


def test_prefetch_keeps_relations_a_preview_holds_in_memory(event_with_relations):
    event = EventPage.objects.get(pk=event_with_relations.pk)
    unsaved_choice = Audience.objects.exclude(events=event).first()
    event.audiences.set([unsaved_choice])  # as the editing form leaves a preview's page
    prefetch([event], "audiences")
    assert list(event.audiences.all()) == [unsaved_choice]


@pytest.fixture
def threads_switch_often():
    """Threads take turns every microsecond (not every 5 ms), so they interleave inside Django's compiler."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_threads_meeting_a_new_query_at_once_each_read_the_right_pages(seeded, threads_switch_often):
    """gunicorn's threads may all meet a new query at once (here: the newest stories, with
    their card images joined, as the issue page's stories block reads them): each gets them."""
    newest = [story.pk for story in StoryPage.objects.listed()[:3]]

    def read_in_a_thread(stories):
        try:
            return [story.pk for story in stories()]
        finally:
            connection.close()  # the thread's own: left open, PostgreSQL's would pile up

    for _attempt in range(30):
        stories = CompiledQuery(lambda: StoryPage.objects.listed()[:3])
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(read_in_a_thread, [stories] * 16))
        assert answers == [newest] * 16
