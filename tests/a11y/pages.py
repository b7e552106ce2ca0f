"""Every public page type, as a reader reaches it: the list the axe, HTML and layout checks walk.

Each visit checks it landed on the page it names (status and something only that page shows), so a
check can never pass by looking at the wrong page.
"""

from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from tests.a11y.conftest import CANCELLED_EVENT, UPCOMING_EVENT


@dataclass(frozen=True)
class Visit:
    name: str
    path: str
    status: int = 200
    shows: str = ""  # a CSS selector that must match on this page
    says: str = ""  # text that must be on this page
    posts: int = 0  # submit the page's form this many times (the last answer is the page checked)
    # Posts of the form made first, from the same address, by Django's test client: quicker than the
    # browser for what only has to use up the rate limit.
    posted_before: int = 0

    def open(self, page, base_url):
        """Go to the page in a Playwright page; returns the response that delivered the document."""
        if self.posts:
            cache.clear()  # the rate limit counts posts per address: start from none
        for _ in range(self.posted_before):
            Client(REMOTE_ADDR="127.0.0.1").post(self.path)
        response = page.goto(base_url + self.path)
        for _ in range(self.posts):
            with page.expect_navigation() as navigation:
                page.get_by_role("button", name="Send your story").click()
            response = navigation.value
        assert response.status == self.status, (self.name, response.status)
        if self.shows:
            assert page.locator(self.shows).count(), f"{self.name}: nothing matches {self.shows}"
        if self.says:
            assert self.says in page.locator("body").inner_text(), f"{self.name}: {self.says!r} is missing"
        return response

    def fetch(self, client):
        """The page's HTML as the server sends it, fetched with Django's test client (for checks
        of the markup alone, which a browser's rendering adds nothing to); the same posts as
        `open` (the form sent empty), and the same checks that it is the page named."""
        if self.posts:
            cache.clear()
        for _ in range(self.posted_before):
            client.post(self.path)
        response = client.get(self.path)
        for _ in range(self.posts):
            response = client.post(self.path, {})
        assert response.status_code == self.status, (self.name, response.status_code)
        html = response.content.decode()
        body = BeautifulSoup(html, "html.parser").body
        if self.shows:
            assert body.select(self.shows), f"{self.name}: nothing matches {self.shows}"
        if self.says:
            assert self.says in " ".join(body.get_text().split()), f"{self.name}: {self.says!r} is missing"
        return html


RATE_LIMIT = 10  # stories.views.RATE_LIMIT: posts after this many answer 429

PAGES = [
    Visit("home", "/", shows="#latest-issue-heading"),
    Visit("issue", "/issues/june-2016/", shows="nav.contents"),
    Visit("issue archive", "/issues/", shows="a[href='/issues/june-2016/']"),
    Visit("standard page", "/about/", says="About #PeerTalk"),
    Visit("story", "/stories/not-alone-in-difficult-times/", shows="article"),
    Visit("story index, filtered", "/stories/?role=received", shows=".story-card"),
    Visit("share form", "/stories/share/", shows="form.stories-share"),
    Visit("share form with errors", "/stories/share/", status=400, shows=".error-summary", posts=1),
    Visit("share form, rate limited", "/stories/share/", status=429, says="try again", posts=1,
          posted_before=RATE_LIMIT),
    Visit("service index, filtered", "/services/?audience=bereaved-parents&delivery=telephone",
          says="3 services match your filters."),
    Visit("service index, no results", "/services/?audience=fathers&area=camden&topic=stillbirth",
          says="0 services match your filters."),
    Visit("service", "/services/tamba/", shows=".service__facts"),
    Visit("event index", "/events/", says="Coffee morning for parents"),
    Visit("event, scheduled", f"/events/{UPCOMING_EVENT}/", shows=".event-facts"),
    Visit("event, cancelled", f"/events/{CANCELLED_EVENT}/", says="Cancelled"),
    Visit("event, date to be confirmed", "/events/peer-support-training/", says="Date to be confirmed"),
    Visit("past events", "/events/past/", says="Peer Support Network Meeting"),
    Visit("search results", "/search/?q=groups", shows="ol.search-results"),
    Visit("search, no results", "/search/?q=xylophonist", says="We found no pages for"),
    Visit("search, crisis words", "/search/?q=suicide", shows="main .crisis-panel"),
    Visit("glossary", "/glossary/", shows="dl.glossary"),
    Visit("page not found", "/no-such-page/", status=404, says="Page not found"),
]
