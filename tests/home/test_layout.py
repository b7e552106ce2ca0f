"""What every page shares: skip link, landmarks, navigation, search, footer, crisis panel."""

import pytest
from wagtail.models import Site

from core.models import SiteSettings
from stories.models import StoryPage
from tests.conftest import soup

PUBLIC_PAGES = ["/", "/issues/", "/issues/june-2016/", "/about/", "/contact/", "/accessibility/", "/privacy/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_page_skeleton_is_accessible(client, seeded, url):
    page = soup(client.get(url))
    skip = page.select_one("body > a.skip-link")
    assert skip["href"] == "#main-content" and page.find(id="main-content").name == "main"
    assert page.html["lang"] == "en-GB"
    assert page.select_one("header") and page.select_one("footer") and page.select_one("nav[aria-label=Main]")
    assert len(page.select("h1")) == 1
    search = page.select_one("form[role=search]")
    assert search["action"] == "/search/" and search["method"] == "get"
    field = search.select_one("input[name=q]")
    assert page.select_one(f"label[for={field['id']}]")
    for image in page.select("img"):
        assert image.has_attr("alt")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_crisis_panel_on_every_page(client, seeded, url):
    panel = soup(client.get(url)).select_one("aside.crisis-panel")
    text = panel.get_text(" ", strip=True)
    assert "Samaritans" in text and "116 123" in text and "111" in text and "999" in text
    assert panel.select_one('a[href="tel:116123"]')


def test_crisis_panel_and_footer_follow_site_settings(client, seeded):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_contacts = [("contact", {"name": "Shout", "phone": "85258", "description": "text service"})]
    settings.contact_email = "hello@example.org"
    settings.save()
    page = soup(client.get("/about/"))
    assert "Shout" in page.select_one(".crisis-panel").get_text()
    assert "Samaritans" not in page.select_one(".crisis-panel").get_text()
    assert page.select_one('footer a[href="mailto:hello@example.org"]')


def test_breadcrumbs_mark_the_current_page(client, seed_issue):
    crumbs = soup(client.get(seed_issue.url)).select("nav.breadcrumbs li a")
    assert [a.get_text() for a in crumbs] == ["Home", "Newsletter issues", seed_issue.title]
    assert crumbs[-1]["aria-current"] == "page"


def test_primary_navigation_lists_menu_pages(client, seeded):
    nav = soup(client.get("/about/")).select("nav[aria-label=Main] a")
    labels = [a.get_text() for a in nav]
    assert labels[:2] == ["Home", "Newsletter issues"] and "About #PeerTalk" in labels
    assert [a.get_text() for a in nav if a.get("aria-current")] == ["About #PeerTalk"]


def home_headings(client):
    return [h.get_text(strip=True) for h in soup(client.get("/")).select("main h2")]


def test_home_page_shows_latest_issue_and_empty_slots_quietly(client, seeded):
    page = soup(client.get("/"))
    latest = page.find(id="latest-issue-heading").find_parent("section")
    assert latest.select_one("a")["href"] == "/issues/june-2016/"
    # Every slot that is shown has something in it.
    for section in page.select("main section.home-section"):
        assert section.select("h2") and section.select("li a, .card a"), section
    # The seed's events are all in 2016, so the events slot is left out whole: no heading over
    # an empty list and no "nothing here" message.
    assert page.find(id="upcoming-events-heading") is None
    assert "Dates for the diary" not in home_headings(client)
    assert "Peer support stories" in home_headings(client)

    # With no live stories either, that slot goes quietly too.
    for story in StoryPage.objects.live():
        story.unpublish()
    assert home_headings(client) == ["Latest issue"]


def test_unknown_page_is_a_friendly_404(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in soup_404(response)


def soup_404(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").get_text()


def test_security_headers_and_csp(client, seeded):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_public_pages_have_no_inline_script_or_style(client, seeded):
    """So the strict CSP never breaks a public page."""
    for url in PUBLIC_PAGES:
        page = soup(client.get(url))
        assert not [s for s in page.select("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not page.select("style") and not page.select("[style]")
        assert not page.select("[onclick]")


def test_admin_gets_its_own_policy(admin_client, seeded):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_robots_and_sitemap(client, seeded):
    assert b"Disallow: /admin/" in client.get("/robots.txt").content
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and b"/issues/june-2016/" in sitemap.content
