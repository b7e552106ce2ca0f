"""The issues and stories Atom feeds: valid RFC 4287 with absolute links."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from stories.models import ContentNote, StoryPage
from tests.conftest import soup

ATOM = "{http://www.w3.org/2005/Atom}"
ROOT = "http://testserver/"


def parse_feed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def text(element, name):
    found = element.find(ATOM + name)
    assert found is not None and (found.text or "").strip(), f"{element.tag} has no {name}"
    return found.text


def assert_valid_atom(feed):
    """RFC 4287 4.1.1 and 4.1.2: what a feed and each entry must carry."""
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        text(feed, name)
    datetime.fromisoformat(text(feed, "updated"))
    feed_author = feed.find(ATOM + "author")
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href").startswith(ROOT)
    entries = feed.findall(ATOM + "entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            text(entry, name)
        datetime.fromisoformat(text(entry, "updated"))
        author = entry.find(ATOM + "author")
        assert author is not None or feed_author is not None
        text(author if author is not None else feed_author, "name")
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate.get("href").startswith(ROOT), alternate.get("href")
        assert text(entry, "id").startswith(ROOT)
    return entries


def test_issues_feed_is_valid_atom_with_absolute_links(client, seed_issue):
    feed = parse_feed(client, "/issues/feed.xml")
    entries = assert_valid_atom(feed)
    assert text(feed.find(ATOM + "author"), "name") == "Kensington and Chelsea Mind"
    assert [text(e, "title") for e in entries] == [seed_issue.title]
    assert entries[0].find(ATOM + "link").get("href") == ROOT + "issues/june-2016/"


def test_feed_addresses_come_from_the_site_not_the_request_host(client, seed_issue):
    feed = parse_feed(client, "/stories/feed.xml", HTTP_HOST="elsewhere.example")
    assert "elsewhere.example" not in ET.tostring(feed, encoding="unicode")
    assert_valid_atom(feed)


def test_stories_feed_is_valid_atom_with_the_full_story(client, seeded):
    feed = parse_feed(client, "/stories/feed.xml")
    entries = assert_valid_atom(feed)
    assert len(entries) == StoryPage.objects.live().count()
    first = StoryPage.objects.live().order_by("-story_date", "-first_published_at", "-pk").first()
    entry = entries[0]
    assert text(entry, "title") == first.title
    assert text(entry.find(ATOM + "author"), "name") == first.byline
    content = entry.find(ATOM + "content")
    assert content.get("type") == "html"
    assert first.pull_quote[:40] in BeautifulSoup(content.text, "html.parser").get_text()


def test_stories_feed_puts_content_notes_first_and_links_absolute(client, seeded):
    story = StoryPage.objects.live().order_by("-story_date", "-first_published_at", "-pk").first()
    story.content_notes.set([ContentNote.objects.get(slug="baby-loss")])
    story.body.append(("rich_text", '<p>See <a href="/services/">the directory</a>.</p>'))
    story.save_revision().publish()

    entry = assert_valid_atom(parse_feed(client, "/stories/feed.xml"))[0]
    assert text(entry, "summary").startswith("Content note: this story mentions baby loss.")
    content = BeautifulSoup(text(entry, "content"), "html.parser")
    assert content.find("p").get_text() == "Content note: this story mentions baby loss."
    hrefs = [a["href"] for a in content.find_all("a", href=True)]
    assert ROOT + "services/" in hrefs
    assert all(href.startswith(("http://", "https://", "mailto:", "tel:")) for href in hrefs), hrefs


@pytest.mark.parametrize("path", ["/stories/", "/stories/a-great-place-to-make-new-friends/"])
def test_stories_pages_advertise_the_stories_feed(client, seeded, path):
    links = soup(client.get(path)).select('link[rel=alternate][type="application/atom+xml"]')
    assert "/stories/feed.xml" in [link["href"] for link in links]
