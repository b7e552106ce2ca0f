"""Fill the glossary from the seed issue's own definitions, plus the other
names people use for the same things (so search meets them where their words are)."""

import re

from django.utils.text import slugify

from core.seed import SEED_FILE

from .models import GlossaryTerm

DEFINITIONS_SECTION = "Types of Peer Support"
_DEFINITION = re.compile(r"^\s*(?:- )?\*\*(?P<term>[^*]+?)\*\*\s*~\s*(?P<text>.+)$")

# Other names for the seed's own terms, keyed by the term's slug.
SEED_TERM_NAMES = {
    "1-to-1-peer-support": ["one to one peer support", "one-to-one peer support", "1:1 peer support",
                            "1-1 peer support", "individual peer support"],
    "peer-support-groups": ["support groups", "peer groups", "self-help groups", "mutual support groups"],
    "facilitated-peer-support": ["facilitated groups", "facilitated group"],
    "peer-facilitated": ["peer facilitator", "peer facilitators"],
    "peer-led": ["led by peers", "user-led", "service user led"],
    "peer-support": ["mutual support", "mutual aid", "peer-to-peer support"],
    "peer-coaching": ["peer coach"],
    "peer-mentoring": ["peer mentor", "peer mentors"],
    "peer-advocacy": ["peer advocate", "self-advocacy"],
    "peer-brokerage": ["peer broker", "personal budget support"],
}

# The seed's general definition of peer support is better than the one-line
# role description in its list, so the term gets that sentence instead.
PEER_SUPPORT_DEFINITION = (
    "People helping each other through a shared experience. For Side by Side, peer support with a "
    "mental health or emotional wellbeing focus, even if the organisation's focus is something different."
)

# "By any other name…" and the common variants the search issue lists.
VARIANT_TERMS = [
    ("Mental health",
     "We use this term to cover emotional health and mental wellbeing. 'Mental health difficulties' includes "
     "experience of mental or emotional distress. Mental health is a spectrum we're all on, with mental illness "
     "at one end. Not everyone uses these words: some people say stress, or have no word for it at all.",
     ["emotional health", "emotional wellbeing", "mental wellbeing", "wellbeing", "stress",
      "distress", "emotional distress", "mental distress", "mental health difficulties", "mental health problems",
      "mental ill health", "mental illness"]),
    ("Postnatal depression",
     "Depression that starts during pregnancy or in the year after a baby is born. Mothers and fathers can both "
     "have it.",
     ["PND", "post-natal depression", "post natal depression", "postpartum depression"]),
    ("Perinatal",
     "During pregnancy and the first year after birth. Perinatal mental health problems are those that happen "
     "in this time.",
     ["peri-natal", "pregnancy and after birth", "during pregnancy and after birth", "maternal mental health"]),
    ("Bereavement",
     "Losing someone close to you through death, and the grief that follows.",
     ["bereaved", "loss", "grief", "grieving", "mourning"]),
    ("LGBT",
     "Lesbian, gay, bisexual and trans people.",
     ["LGBTQ", "LGBTQ+", "LGBT+", "LGBTQIA", "lesbian, gay, bisexual and trans",
      "lesbian, gay, bisexual and transgender"]),
    ("Premature baby",
     "A baby born before 37 weeks of pregnancy.",
     ["premature", "preterm", "pre-term", "born early", "born too soon", "prem baby"]),
    ("Multiple births",
     "Having twins, triplets or more at the same time.",
     ["twins", "triplets", "multiples"]),
    ("Stillbirth",
     "When a baby dies in the womb after 24 weeks of pregnancy. Some parents say their baby was born sleeping.",
     ["stillborn", "still birth", "still-birth", "born sleeping"]),
    ("Miscarriage",
     "Losing a pregnancy before 24 weeks.",
     ["pregnancy loss", "losing a pregnancy", "ectopic pregnancy", "molar pregnancy"]),
    ("Infertility",
     "Finding it hard or impossible to have a baby. Involuntary childlessness means not having children though "
     "you wanted them.",
     ["fertility problems", "difficulty conceiving", "involuntary childlessness", "childlessness"]),
    ("Single parent",
     "Someone bringing up a child or children on their own.",
     ["single parenting", "lone parent", "single mum", "single dad", "parenting alone"]),
    ("Peer worker",
     "Someone whose role, paid or voluntary, is to use their own experience of mental health difficulties to "
     "support others.",
     ["peer workers", "peer support worker", "peer supporter", "peer specialist"]),
    ("Personal experience",
     "Having been through something yourself, such as mental health difficulties, rather than knowing about it "
     "from training alone.",
     ["lived experience", "experience of mental health difficulties"]),
    ("Self-harm",
     "Hurting yourself on purpose, often as a way of coping with very difficult feelings. If you are at risk "
     "now, call 999 or Samaritans on 116 123.",
     ["self harm", "self-injury", "self injury"]),
    ("Co-production",
     "People who use services, carers and staff designing and running services together, as equals.",
     ["coproduction", "co-produced", "co-design"]),
]


def _sentence(text):
    """A seed definition ("is when…", "are where…") as a sentence of its own."""
    text = re.sub(r"^(?:is|are)\s+", "", text.strip()).replace(",,", ",")
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def seed_definitions(path=SEED_FILE):
    """(term, definition) pairs from the seed's "Types of Peer Support" section, in order."""
    section, found = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section == DEFINITIONS_SECTION and (match := _DEFINITION.match(line)):
            term = match["term"].strip()
            if slugify(term) not in {slugify(existing) for existing, _ in found}:
                found.append((term, _sentence(match["text"])))
    return found


def glossary_entries():
    entries = []
    for term, definition in seed_definitions():
        slug = slugify(term)
        if slug == "peer-support":
            definition = PEER_SUPPORT_DEFINITION
        entries.append((term, definition, SEED_TERM_NAMES.get(slug, [])))
    return entries + VARIANT_TERMS


def load(home):
    """Create the glossary terms that do not exist yet; editors' changes are kept."""
    for term, definition, names in glossary_entries():
        GlossaryTerm.objects.get_or_create(
            slug=slugify(term), defaults={"term": term, "definition": definition, "synonyms": "\n".join(names)}
        )
