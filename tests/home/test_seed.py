"""The seed newsletter arrives whole: every section, quote, link and contact.

Expected text is read from the seed file itself, not copied from our output.
"""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.seed import SEED_FILE
from home.models import NewsletterIssuePage
from tests.conftest import soup

SEED = SEED_FILE.read_text(encoding="utf-8")


def seed_section_headings():
    return [h for h in re.findall(r"^## (.+)$", SEED, re.M) if h.strip() != "This issue"]


def test_seed_copy_matches_the_brief():
    """The loader reads its own copy (a fresh clone has no ../shared)."""
    assert SEED.startswith("\n\n# #PeerTalk") or "# #PeerTalk" in SEED
    assert len(seed_section_headings()) == 7


def test_every_section_is_loaded_in_order(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    headings = [h.get_text(strip=True) for h in page.select("main section.section > h2")]
    assert headings == seed_section_headings()


@pytest.mark.parametrize(
    "quote_start, attribution",
    [
        ("Up to 20% of women develop a mental health problem", "Centre for Mental Health"),
        ("I benefit from knowing I'm not alone", "Feedback on Tamba's One Parent Family Facebook page"),
        ("I cannot express how reassuring it is", "Gingerbread group member"),
        ("Good peer support can help parents cope", "Caroline Flint, NCT"),
        ("It is a great place to make new friends", "NCT"),
        ("Many parents worry about their children's education", "National Mind, 2009"),
    ],
)
def test_quotes_keep_their_attributions(client, seed_issue, quote_start, attribution):
    assert quote_start in SEED
    page = soup(client.get(seed_issue.url))
    figures = [f for f in page.select("figure.quote") if quote_start in f.blockquote.get_text()]
    assert len(figures) == 1, f"quote {quote_start!r} should appear once as a quote"
    assert attribution in figures[0].figcaption.get_text(" ", strip=True)


def test_publication_title_is_cited(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    cites = [c.get_text() for c in page.select("figure.quote cite")]
    assert "Improving mental health support for refugee communities – an advocacy approach" in cites


def test_contacts_and_real_links_survive(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    hrefs = {a["href"] for a in page.select("main a[href]")}
    assert "mailto:zoe.copeland@kcmind.org.uk" in hrefs
    assert "http://www.patient.info" in hrefs
    assert "0208 964 1333 option 7" in page.get_text()
    # The seed's placeholder links ("#") lead nowhere, so they are kept as plain text.
    assert "#" not in hrefs
    assert "Full of Life" in page.get_text()


def test_lists_and_diary_table(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    items = [li.get_text(" ", strip=True) for li in page.select("main .rich-text li")]
    for expected in ["Service users", "Peer workers", "Organisations", "Peer brokerage ~ support to work out how to spend a personal budget"]:
        assert expected in items
    text = page.get_text(" ", strip=True)
    for row in ["Peer Worker Network Meeting (June)", "Pain Quotidien", "SW7 2HE", "Peer Support Training"]:
        assert row in text


def test_mended_page_break_reads_as_one_sentence(client, seed_issue):
    """The seed breaks "experience mental / health difficulties" across paragraphs."""
    text = soup(client.get(seed_issue.url)).get_text(" ", strip=True)
    assert "Many mothers experience mental health difficulties during pregnancy" in text
    assert "not being able to touch one's baby" in text


def test_standfirst_is_the_strapline(seed_issue):
    assert seed_issue.standfirst == SEED.strip().splitlines()[-1].strip()


def test_load_seed_twice_changes_nothing(seeded):
    before = Page.objects.count()
    issue = NewsletterIssuePage.objects.get()
    revision = issue.latest_revision_id
    call_command("load_seed", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == before
    issue.refresh_from_db()
    assert issue.latest_revision_id == revision


def test_load_seed_if_empty_skips_a_site_with_issues(seeded, capsys):
    call_command("load_seed", "--if-empty")
    assert "already has newsletter issues" in capsys.readouterr().out


def test_seed_issue_has_a_revision_so_editors_see_history(seed_issue):
    assert seed_issue.live and seed_issue.latest_revision is not None


def test_peer_support_typology_comes_from_the_seed(seeded):
    from core.taxonomies import PeerSupportType

    names = list(PeerSupportType.objects.values_list("name", flat=True))
    assert len(names) == 10
    # Each definition is the seed's own wording.
    brokerage = PeerSupportType.objects.get(slug="peer-brokerage")
    assert "work out how to spend a personal budget" in SEED and "work out how to spend a personal budget" in brokerage.description


def test_taxonomy_ids_are_stable_across_databases(seeded):
    from core.seed import seed_uuid
    from core.taxonomies import Audience

    assert Audience.objects.get(slug="bereaved-parents").uuid == seed_uuid("Audience", "bereaved-parents")
