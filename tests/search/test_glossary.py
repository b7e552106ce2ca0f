"""The public glossary, filled from the seed's own definitions and the common variants."""

from search.models import GlossaryTerm
from tests.conftest import soup


def test_glossary_lists_seed_definitions_and_other_names(client, seeded):
    page = soup(client.get("/glossary/"))
    assert page.h1.get_text() == "Glossary of peer support terms"
    terms = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page.select("dl.glossary dt")}
    # From the seed's "Types of Peer Support": "**Peer mentoring** ~ longer term support to make positive changes"
    assert terms["Peer mentoring"].startswith("Longer term support to make positive changes.")
    assert terms["Peer brokerage"].startswith("Support to work out how to spend a personal budget.")
    assert "Where people with similar experiences come together to support one another." in terms["Peer support groups"]
    # "By any other name…" and the variants
    assert "stress" in terms["Mental health"] and "emotional wellbeing" in terms["Mental health"]
    assert "PND" in terms["Postnatal depression"] and "post-natal depression" in terms["Postnatal depression"]
    for term, other in [("Bereavement", "grief"), ("Premature baby", "preterm"), ("Perinatal", "pregnancy and after birth")]:
        assert other in terms[term], term
    assert page.select_one("dt#peer-mentoring")
    assert page.select_one('a[href="/search/?q=Peer%20mentoring"]')


def test_loading_the_seed_again_keeps_editors_changes(seeded):
    from django.core.management import call_command

    term = GlossaryTerm.objects.get(slug="lgbt")
    term.definition = "Edited by an editor."
    term.save()
    count = GlossaryTerm.objects.count()
    call_command("load_seed", stdout=open("/dev/null", "w"))
    assert GlossaryTerm.objects.count() == count and GlossaryTerm.objects.get(slug="lgbt").definition == "Edited by an editor."
