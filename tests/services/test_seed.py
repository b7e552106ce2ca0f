"""The seed directory: every organisation the newsletter names, one source of truth.

Expected names and facts are read from the seed file's parents section.
"""

import re

from core.seed import SEED_FILE
from services.models import ServicePage
from tests.conftest import soup

SEED = SEED_FILE.read_text(encoding="utf-8")
DIRECTORY = SEED.split("### Local peer support for parents...")[1].split("## By any other name")[0]

# Every organisation or service the seed's directory names (issue 4's list).
NAMED = [
    "Full of Life", "Chelsea & Westminster", "Gingerbread", "Families Together", "Tamba", "PND & Me", "#PNDchat",
    "Infertility Network UK", "More to Life", "Bliss", "Bliss Buddy", "Cocoon", "Bumps, Babies and Beyond",
    "West London Action for Children", "Child Death Helpline", "The Compassionate Friends", "Miscarriage Association",
    "West London Sands",
]


def card_titles(page):
    return [a.get_text(strip=True) for a in page.select(".card__title a")]


def test_every_organisation_has_a_service_page(client, seeded):
    page = soup(client.get("/services/"))
    text = page.select_one(".service-results").get_text(" ", strip=True)
    for name in NAMED:
        assert name in DIRECTORY, name
        assert name in text, f"{name} should be in the directory"
    assert ServicePage.objects.live().count() == 18


def test_bereaved_parents_by_telephone(client, seeded):
    """Issue 4's example. The seed: the Child Death Helpline "is staffed by volunteer
    parents who have themselves been bereaved"; The Compassionate Friends' "helpline
    ... is staffed by bereaved parents"; Tamba gives "telephone" support for issues
    "including bereavement"."""
    for phrase in ["Child Death Helpline", "helpline which is staffed by bereaved parents", "online, telephone and face to face"]:
        assert phrase in DIRECTORY
    page = soup(client.get("/services/?audience=bereaved-parents&delivery=telephone"))
    assert set(card_titles(page)) == {"Child Death Helpline", "The Compassionate Friends", "Tamba peer support"}
    assert "3 services match your filters" in page.select_one("[role=status]").get_text()


def test_seed_facts_reach_the_service_pages(client, seeded):
    pages = {p.slug: p for p in ServicePage.objects.all()}
    pnd = soup(client.get(pages["pnd-and-me-pndchat"].url)).get_text(" ", strip=True)
    assert "Wednesday 8pm" in DIRECTORY and "Wednesdays 8pm to 9pm" in pnd
    assert "checked daily but not monitored 24/7" in DIRECTORY and "checked daily but not monitored 24/7" in pnd
    families = soup(client.get(pages["families-together"].url))
    places = [li.get_text("", strip=True) for li in families.select(".service__places li")]
    assert places == ["Battersea: contact the organiser for the venue", "King's Cross: contact the organiser for the venue"]
    # The newsletter's links were placeholders, so there is nothing to invent: readers are sent to us.
    assert "Contact us" in families.get_text()
    assert "We checked these details with the service on 1 June 2016" in families.get_text(" ", strip=True)


def test_issue_section_lists_the_services_from_their_pages(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    section = page.find("section", id="spotlight-on-parents")
    text = section.get_text(" ", strip=True)
    assert "There is quite a lot of peer support available for parents" in text
    assert section.find("h3", string=re.compile("Local peer support for parents"))
    links = [a["href"] for a in section.select(".service-list .card__title a")]
    assert len(links) == 18 and all(href.startswith("/services/") for href in links)
    assert card_titles(section)[0] == "Full of Life" and card_titles(section)[-1] == "West London Sands group"
    # One source of truth: the prose directory is gone, its words now come from the cards.
    assert text.count("staffed by volunteer parents who have themselves been bereaved") == 1
    # The quotes that sat among the directory follow the list.
    quotes = [f.blockquote.get_text(strip=True) for f in section.select(".service-list ~ figure.quote")]
    assert [q[:20] for q in quotes] == ["I benefit from knowi", "I cannot express how", "It is a great place "]


def test_a_renamed_service_changes_the_issue_too(client, seed_issue):
    service = ServicePage.objects.get(slug="cocoon")
    service.title = "Cocoon family support"
    service.save_revision().publish()
    section = soup(client.get(seed_issue.url)).find("section", id="spotlight-on-parents")
    assert "Cocoon family support" in card_titles(section)
