"""What pages tell search engines and social media: description, canonical link,
Open Graph / Twitter card and schema.org JSON-LD (home/sharing.py)."""

import json

import pytest
from wagtail_factories import ImageFactory

from core.models import SiteSettings
from events.models import EventPage
from services.models import ServicePage
from stories.models import ContentNote, StoryPage
from tests.conftest import soup

ROOT = "http://testserver/"


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(page):
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def assert_card(page, title, description, url):
    assert meta(page, "description") == description
    assert page.find("link", rel="canonical")["href"] == url
    assert meta(page, "og:title") == title
    assert meta(page, "og:description") == description
    assert meta(page, "og:url") == url
    assert meta(page, "twitter:card") in ("summary", "summary_large_image")
    assert meta(page, "twitter:title") == title
    assert meta(page, "twitter:description") == description


@pytest.fixture
def story_with_notes(seeded):
    story = StoryPage.objects.live().order_by("pk").first()
    story.content_notes.set([ContentNote.objects.get(slug="baby-loss")])
    story.save_revision().publish()
    return story


def test_issue_has_a_card_and_news_article_data(client, seed_issue):
    page = soup(client.get(seed_issue.url, HTTP_HOST="elsewhere.example"))
    url = ROOT + "issues/june-2016/"
    summary = seed_issue.get_listing_summary()
    assert_card(page, seed_issue.title, summary, url)
    assert meta(page, "og:type") == "article"
    data = json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed_issue.title
    assert data["url"] == url
    assert data["datePublished"] == "2016-06-01"
    assert data["publisher"]["name"] == "Kensington and Chelsea Mind"


def test_story_description_starts_with_its_content_notes_everywhere(client, story_with_notes):
    page = soup(client.get(story_with_notes.url))
    description = meta(page, "description")
    assert description.startswith("Content note: this story mentions baby loss.")
    assert story_with_notes.get_listing_summary() in description
    assert_card(page, story_with_notes.title, description, ROOT + f"stories/{story_with_notes.slug}/")
    data = json_ld(page)
    assert data["@type"] == "Article"
    assert data["description"] == description
    assert data["author"] == {"@type": "Person", "name": story_with_notes.byline}


def test_service_has_a_card_and_service_data(client, seeded):
    service = ServicePage.objects.live().get(slug="tamba")
    page = soup(client.get(service.url))
    assert_card(page, service.title, service.get_listing_summary(), ROOT + "services/tamba/")
    data = json_ld(page)
    assert data["@type"] == "Service"
    assert data["provider"]["name"] == service.organisation_name


def test_pages_without_an_image_use_the_site_wide_picture_with_its_size(client, seed_issue):
    settings = SiteSettings.for_site(seed_issue.get_site())
    settings.share_image = ImageFactory(file__width=2400, file__height=1600)
    settings.save()
    page = soup(client.get(seed_issue.url))
    assert meta(page, "og:image").startswith(ROOT + "media/")
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert json_ld(page)["image"]["url"] == meta(page, "og:image")


def test_a_pages_own_card_image_comes_before_the_site_wide_one(client, seed_issue):
    settings = SiteSettings.for_site(seed_issue.get_site())
    settings.share_image = ImageFactory(title="site-wide", file__width=1200, file__height=630)
    settings.save()
    seed_issue.listing_image = ImageFactory(title="own", file__width=1600, file__height=900)
    seed_issue.save_revision().publish()
    page = soup(client.get(seed_issue.url))
    assert seed_issue.listing_image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80").url in meta(page, "og:image")


def test_with_no_image_at_all_the_card_is_a_small_summary(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    assert meta(page, "og:image") is None
    assert meta(page, "twitter:card") == "summary"


@pytest.mark.parametrize("path", ["/", "/issues/", "/stories/", "/services/", "/events/", "/glossary/", "/about/"])
def test_every_public_page_has_one_description_and_a_canonical_link(client, seeded, path):
    page = soup(client.get(path))
    descriptions = page.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1 and descriptions[0]["content"].strip()
    assert page.find("link", rel="canonical")["href"] == ROOT + path.lstrip("/")
    assert meta(page, "og:title") and meta(page, "og:url") == ROOT + path.lstrip("/")


def test_json_ld_cannot_close_its_script_element(client, seeded):
    story = StoryPage.objects.live().order_by("pk").first()
    story.title = "Hope </script><script>alert(1)</script> & more"
    story.save_revision().publish()
    response = client.get(story.url)
    page = soup(response)
    assert page.find_all("script", type="application/ld+json")[0].string.count("</script>") == 0
    assert json_ld(page)["headline"] == story.title
    assert b"<script>alert(1)" not in response.content


def test_event_pages_keep_their_own_event_data_only(client, seeded):
    event = EventPage.objects.live().first()
    page = soup(client.get(event.url))
    assert json_ld(page)["@type"] == "Event"
