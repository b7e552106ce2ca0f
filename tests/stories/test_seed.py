"""The seed's first-person quotes become stories; the issue, home page and privacy notice show them.

Expected words come from the seed file, not from our own output.
"""

import re

import pytest

from core.seed import SEED_FILE
from stories.models import StoryPage
from tests.conftest import soup

pytestmark = pytest.mark.django_db

SEED = SEED_FILE.read_text(encoding="utf-8")
# The seed as words: without Markdown links, emphasis or its "~" separators.
PLAIN_SEED = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", SEED).replace("*", "").replace("~ ", "")

# (how the quote starts in the seed, the attribution the seed gives it, the service it is about)
SEED_QUOTES = [
    ("I benefit from knowing I'm not alone", "Feedback on Tamba's One Parent Family Facebook page", "tamba"),
    ("I cannot express how reassuring it is", "Gingerbread group member", "gingerbread"),
    ("It is a great place to make new friends", "NCT re Bumps & Babies", "bumps"),
]


def test_seed_quotes_become_stories_with_their_attributions_linked_to_their_services(client, seeded):
    assert StoryPage.objects.live().count() == 3
    for quote_start, attribution, service in SEED_QUOTES:
        assert quote_start in SEED and attribution in PLAIN_SEED
        story = StoryPage.objects.live().get(pull_quote__startswith=quote_start)
        page = soup(client.get(story.url))
        figure = page.select_one("main figure.quote")
        assert figure.blockquote.get_text().startswith(quote_start)
        assert attribution in figure.figcaption.get_text()
        assert attribution in page.select_one("main .meta").get_text()
        support = page.select_one("#support-heading").find_parent("section")
        link = support.select_one("a[href]")
        assert link is not None, "the seed story should link to its service page"
        assert service in (link.get_text() + link["href"]).lower()
        assert client.get(link["href"]).status_code == 200


def test_issue_home_page_and_privacy_notice(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    section = [s for s in page.select("section.section") if s.h2.get_text(strip=True) == "Peer support stories"][0]
    text = section.get_text(" ", strip=True)
    # The seed's own call to share and Zoe's contact stay.
    assert "If you'd like to share your story" in SEED and "If you'd like to share your story" in text
    assert section.select_one("a[href='mailto:zoe.copeland@kcmind.org.uk']")
    assert section.select_one("a[href='/stories/share/']")
    titles = [a.get_text(strip=True) for a in section.select(".story-card .card__title a")]
    assert len(titles) == 3

    home = soup(client.get("/"))
    featured = home.select_one("#featured-stories-heading").find_parent("section")
    assert len(featured.select(".story-card")) == 3

    privacy = soup(client.get("/privacy/")).select_one("main").get_text(" ", strip=True)
    assert "180 days" in privacy and "withdraw" in privacy and "story moderators" in privacy
