"""HTTP caching: what each response lets browsers and CDNs keep, and the page cache
that answers anonymous visitors before sessions, authentication and Wagtail run."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page, PageViewRestriction

from core.models import SiteSettings
from core.taxonomies import Audience
from events.models import EventPage
from home.models import NewsletterIndexPage, NewsletterIssuePage, StandardPage
from search.models import GlossaryTerm
from services.models import ServicePage
from stories.models import StoryPage
from tests.events.helpers import add_event, republish

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": "/",
    "issue": "/issues/june-2016/",
    "archive": "/issues/",
    "story": "/stories/not-alone-in-difficult-times/",
    "story index": "/stories/",
    "service": "/services/bliss/",
    "service index with filters": "/services/?audience=parents&area=camden",
    "event": "/events/peer-support-training/",
    "event index": "/events/",
    "standard page": "/about/",
    "issues feed": "/issues/feed.xml",
    "stories feed": "/stories/feed.xml",
    "glossary": "/glossary/",
    "open data API": "/api/openreferral/services",
    "sitemap": "/sitemap.xml",
}
SECURITY_HEADERS = [
    "Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options",
    "Referrer-Policy", "Cross-Origin-Opener-Policy",
]


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def fetched_twice(client, url):
    """The first request renders and stores the page; the second is served from the cache."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    return first, client.get(url)


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def cache_ages(settings):
    settings.HTTP_CACHE_MAX_AGE = 123
    settings.HTTP_CACHE_S_MAXAGE = 456
    settings.HTTP_CACHE_STALE_WHILE_REVALIDATE = 78


# --- headers ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", PUBLIC_PAGES)
def test_public_pages_may_be_kept_by_browsers_and_cdns_for_the_configured_times(client, seeded, cache_ages, kind):
    response = client.get(PUBLIC_PAGES[kind])
    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=123", "s-maxage=456", "stale-while-revalidate=78"}
    assert response["ETag"].startswith('"')
    assert not response.cookies


def test_the_calendar_feeds_keep_their_own_refresh_time_and_dates(client, seeded):
    for url in ["/events/feed.ics", "/events/peer-worker-network-meeting-june-2016.ics"]:
        response = client.get(url)
        assert "public" in directives(response) and "max-age=" in response["Cache-Control"], url
        assert response["ETag"] and response["Last-Modified"], url


def test_searches_are_never_stored(client, seeded):
    for url in ["/search/?q=support", "/search/autocomplete/?q=sup"]:
        first, second = fetched_twice(client, url)
        assert {"private", "no-store"} <= directives(first), url
        assert "X-Page-Cache" not in second, url


def test_the_share_form_holds_a_csrf_token_so_it_is_private_and_never_stored(client, seeded):
    first, second = fetched_twice(client, "/stories/share/")
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert {"private", "no-cache"} <= directives(first)
    assert "csrfmiddlewaretoken" in second.content.decode() and "X-Page-Cache" not in second
    assert "public" not in directives(second)


def test_posts_are_private_and_never_stored(client, seeded):
    from tests.stories.conftest import valid_post

    redirected = client.post("/stories/share/", valid_post())
    assert redirected.status_code == 302
    assert {"private", "no-store"} <= directives(redirected)
    refused = client.post("/stories/share/", valid_post(consent_health=None))
    assert {"private", "no-store"} <= directives(refused)


def test_the_admin_is_private_and_never_stored(client, admin_client, seeded):
    assert {"private", "no-store"} <= directives(client.get("/admin/login/"))
    for url in ["/admin/", f"/admin/pages/{NewsletterIssuePage.objects.get().pk}/edit/"]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in directives(response) and "public" not in directives(response), url


def test_previews_of_drafts_are_private_and_never_stored(admin_client, seeded):
    issue = NewsletterIssuePage.objects.get()
    issue.title = "A draft only editors see"
    issue.save_revision()
    preview = admin_client.get(f"/admin/pages/{issue.pk}/view_draft/")
    assert "A draft only editors see" in preview.content.decode()
    assert {"private", "no-store"} <= directives(preview)
    assert "A draft only editors see" not in Client().get("/issues/june-2016/").content.decode()


def test_logged_in_editors_get_private_pages_with_their_userbar(admin_client, seeded):
    first, second = fetched_twice(admin_client, "/")
    for response in (first, second):
        assert "w-userbar" in response.content.decode()
        assert {"private", "no-cache"} <= directives(response) and "public" not in directives(response)
        assert "X-Page-Cache" not in response


# --- the page cache ------------------------------------------------------------------


def test_a_repeated_public_page_is_served_from_the_cache_without_any_query(client, seeded, django_assert_num_queries):
    first = client.get("/issues/june-2016/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/issues/june-2016/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_a_cached_page_keeps_every_security_header(client, seeded):
    first, second = fetched_twice(client, "/stories/")
    assert second["X-Page-Cache"] == "hit"
    for header in SECURITY_HEADERS:
        assert second.get(header) and second[header] == first[header], header
    assert "'unsafe-inline'" not in second["Content-Security-Policy"]


def test_a_cached_page_sets_no_cookie_and_holds_no_csrf_token(client, seeded):
    client.get("/stories/share/")  # the visitor now has a CSRF cookie
    assert client.cookies.get("csrftoken")
    first, second = fetched_twice(client, "/stories/")
    assert second["X-Page-Cache"] == "hit"  # a CSRF cookie alone does not stop the cache
    for response in (first, second):
        assert not response.cookies and "Set-Cookie" not in response
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_tracking_parameters_share_the_cached_page(client, seeded):
    client.get("/events/")
    assert client.get("/events/?utm_source=newsletter&fbclid=abc")["X-Page-Cache"] == "hit"


def test_an_editor_visiting_never_fills_the_cache_for_readers(client, admin_client, seeded):
    assert "w-userbar" in admin_client.get("/").content.decode()
    reader = client.get("/")
    assert reader["X-Page-Cache"] == "miss"  # nothing was stored from the editor's visit
    assert "w-userbar" not in reader.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    # ...and an editor is never served the readers' copy.
    editor = admin_client.get("/")
    assert "w-userbar" in editor.content.decode() and "X-Page-Cache" not in editor


def test_a_visitor_with_a_session_is_never_served_from_the_cache(client, seeded):
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/about/")


def test_a_password_protected_page_is_never_stored(client, seeded):
    page = StandardPage.objects.get(slug="about")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame")
    form = client.get("/about/")
    assert "public" not in directives(form) and form.context["form"] is not None
    action = BeautifulSoup(form.content, "html.parser").select_one("form[method=post]")["action"]
    token = BeautifulSoup(form.content, "html.parser").select_one("[name=csrfmiddlewaretoken]")["value"]
    client.post(action, {"password": "sesame", "return_url": "/about/", "csrfmiddlewaretoken": token})
    shown = client.get("/about/")
    assert shown.status_code == 200 and page.title in text(shown)
    assert "public" not in directives(shown)
    assert "public" not in directives(Client().get("/about/"))  # a new visitor still gets the password form


def test_if_none_match_is_answered_304_from_the_cache(client, seeded):
    first, second = fetched_twice(client, "/services/")
    assert second["X-Page-Cache"] == "hit"
    again = client.get("/services/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not again.content


def test_the_events_feed_answers_304_when_cached_and_200_once_an_event_changes(client, seeded):
    first, second = fetched_twice(client, "/events/feed.ics")
    assert second["X-Page-Cache"] == "hit"
    assert client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/events/feed.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    republish(EventPage.objects.get(slug="peer-worker-network-meeting-june-2016"), venue_name="The Library")
    changed = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "The Library" in changed.content.decode()


def test_a_failing_cache_still_serves_pages(client, seeded, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and "public" in directives(response)
    publish_title(NewsletterIssuePage.objects.get(), "Published while the cache was down")  # publishing still works


# --- invalidation ----------------------------------------------------------------------


def publish_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()
    return page


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_page_changes_it_and_every_page_listing_it_at_once(client, seeded):
    warm(client, "/issues/june-2016/", "/issues/", "/", "/issues/feed.xml")
    publish_title(NewsletterIssuePage.objects.get(), "Midsummer issue")
    for url in ["/issues/june-2016/", "/issues/", "/", "/issues/feed.xml"]:
        assert "Midsummer issue" in client.get(url).content.decode(), url


def test_a_new_page_appears_in_listings_and_the_calendar_at_once(client, seeded):
    warm(client, "/events/", "/events/feed.ics", "/")
    add_event("Coffee morning for peer workers", start=london_soon(), end=london_soon(hours=2))
    for url in ["/events/", "/events/feed.ics", "/"]:
        assert "Coffee morning for peer workers" in client.get(url).content.decode(), url


def london_soon(hours=0):
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.now() + timedelta(days=3, hours=hours)).replace(minute=0, second=0, microsecond=0)


def test_moving_a_page_serves_it_at_its_new_address_and_redirects_the_old(client, seeded):
    warm(client, "/contact/", "/issues/")
    page = StandardPage.objects.get(slug="contact")
    page.move(NewsletterIndexPage.objects.get(), pos="last-child")
    old = client.get("/contact/")
    assert old.status_code == 301 and old["Location"] == "/issues/contact/"
    assert client.get("/issues/contact/").status_code == 200


@pytest.mark.parametrize("remove", [ServicePage.unpublish, ServicePage.delete], ids=["unpublish", "delete"])
def test_unpublishing_or_deleting_a_page_removes_it_and_its_listing_entry_at_once(client, seeded, remove):
    warm(client, "/services/bliss/", "/services/")
    remove(ServicePage.objects.get(slug="bliss"))
    assert client.get("/services/bliss/").status_code == 404
    assert "/services/bliss/" not in client.get("/services/").content.decode()


def test_renaming_a_taxonomy_term_changes_the_pages_and_feeds_that_show_it(client, seeded):
    warm(client, "/services/", "/events/", "/events/feed.ics", "/services/bliss/")
    audience = Audience.objects.get(slug="peer-workers")
    audience.name = "Peer workers and volunteers"
    audience.save()
    for url in ["/services/", "/events/", "/events/feed.ics"]:
        assert "Peer workers and volunteers" in client.get(url).content.decode(), url
    topic = ServicePage.objects.get(slug="bliss").topic_links.first().term
    warm(client, "/services/bliss/")
    topic.name = "A renamed topic"
    topic.save()
    assert "A renamed topic" in client.get("/services/bliss/").content.decode()


def test_changing_site_settings_changes_every_page_at_once(client, seeded):
    warm(client, "/", "/services/bliss/", "/events/")
    site_settings = SiteSettings.objects.get()
    site_settings.tagline = "Peer support, by and for parents"
    site_settings.save()
    for url in ["/", "/services/bliss/", "/events/"]:
        assert "Peer support, by and for parents" in client.get(url).content.decode(), url


def test_editing_a_glossary_term_changes_the_glossary_at_once(client, seeded):
    warm(client, "/glossary/")
    term = GlossaryTerm.objects.first()
    term.definition = "A newly worded definition."
    term.save()
    assert "A newly worded definition." in client.get("/glossary/").content.decode()


def test_a_story_submission_does_not_empty_the_cache(client, seeded):
    from tests.stories.conftest import valid_post

    warm(client, "/stories/")
    assert client.post("/stories/share/", valid_post()).status_code == 302
    assert client.get("/stories/")["X-Page-Cache"] == "hit"


def test_saving_a_draft_does_not_empty_the_cache(client, seeded):
    warm(client, "/issues/june-2016/")
    issue = NewsletterIssuePage.objects.get()
    issue.title = "A draft title nobody sees yet"
    issue.save_revision()
    response = client.get("/issues/june-2016/")
    assert response["X-Page-Cache"] == "hit" and "A draft title" not in response.content.decode()


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_publishing_purges_the_page_and_the_pages_listing_it_from_a_configured_cdn(seeded, settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged.clear()
    publish_title(StoryPage.objects.get(slug="not-alone-in-difficult-times"), "Not alone")
    assert {urlsplit(url).path for url in RecordingBackend.purged} == {
        "/stories/not-alone-in-difficult-times/", "/stories/", "/",
    }


def test_no_cdn_is_purged_unless_one_is_configured(seeded, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingBackend.purged.clear()
    publish_title(Page.objects.get(slug="about"), "About us")
    assert RecordingBackend.purged == []


def test_bench_mode_counts_each_responses_queries_and_a_hit_runs_none(client, seeded, settings):
    settings.MIDDLEWARE = ["peertalk_site.middleware.QueryCountHeaderMiddleware", *settings.MIDDLEWARE]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as rendered:
        miss = client.get("/stories/")
    assert int(miss["X-Query-Count"]) == len(rendered) > 0
    assert client.get("/stories/")["X-Query-Count"] == "0"


def test_the_page_cache_works_in_the_database_cache_as_production_without_redis_uses(client, seeded, settings):
    settings.PAGE_CACHE_ALIAS = "database"
    warm(client, "/issues/")
    publish_title(NewsletterIssuePage.objects.get(), "Kept in the database cache")
    assert "Kept in the database cache" in client.get("/issues/").content.decode()
