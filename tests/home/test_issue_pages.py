"""Reading issues: the contents list, the archive, the feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import NewsletterIssuePageFactory
from home.models import NewsletterIndexPage
from tests.conftest import soup


def test_every_contents_link_resolves_to_a_section(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    links = page.select("nav.contents a")
    assert len(links) == 7
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    for link in links:
        target = page.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.name == "section"
        assert target.h2.get_text(strip=True) == link.get_text(strip=True)


def test_repeated_headings_get_unique_anchors(client, seeded):
    index = NewsletterIndexPage.objects.get()
    issue = NewsletterIssuePageFactory(
        parent=index,
        title="Repeats",
        slug="repeats",
        body=[
            ("section", {"heading": "News", "anchor": "", "body": [("rich_text", "<p>One</p>")]}),
            ("section", {"heading": "News", "anchor": "", "body": [("rich_text", "<p>Two</p>")]}),
            ("section", {"heading": "news!", "anchor": "", "body": [("rich_text", "<p>Three</p>")]}),
        ],
    )
    page = soup(client.get(issue.url))
    hrefs = [a["href"] for a in page.select("nav.contents a")]
    assert hrefs == ["#news", "#news-2", "#news-3"]
    for href in hrefs:
        assert page.find(id=href[1:]).name == "section"


def test_archive_lists_newest_first_and_paginates(client, seeded):
    index = NewsletterIndexPage.objects.get()
    for n in range(14):
        NewsletterIssuePageFactory(parent=index, slug=f"i-{n}", publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    first = soup(client.get("/issues/"))
    dates = [t["datetime"] for t in first.select(".card time")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 12
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    second = soup(client.get("/issues/?page=2"))
    assert len(second.select(".card")) == 3  # 14 demo issues + the seed issue
    assert "(page 2)" in second.title.get_text()


@pytest.mark.parametrize("bad", ["0", "99", "abc", "-1"])
def test_archive_bad_page_is_a_404_not_an_error(client, seeded, bad):
    response = client.get(f"/issues/?page={bad}")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.usefixtures("no_page_cache")
def test_archive_query_count_does_not_grow_with_issues(client, seeded):
    index = NewsletterIndexPage.objects.get()
    client.get("/issues/")  # warm caches (site root, settings)
    with CaptureQueriesContext(connection) as few:
        client.get("/issues/")
    for n in range(11):
        NewsletterIssuePageFactory(parent=index, slug=f"q-{n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/issues/")
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_atom_feed_lists_issues_with_absolute_links(client, seed_issue):
    response = client.get("/issues/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(response.content)
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [seed_issue.title]
    assert entries[0].find("a:link", ns).get("href") == "http://testserver/issues/june-2016/"


def test_print_stylesheet_is_linked(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    assert page.select_one('link[rel=stylesheet][media=print]')
