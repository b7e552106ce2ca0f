"""Seed the stories section: the index, the "Share your story" form, and the
newsletter's three first-person quotes as short stories.

The quotes and their attributions are read from the seed file itself, so they
stay word for word what the newsletter printed.
"""

from core.seed import SEED_FILE, SEED_ISSUE_DATE, get_or_publish, parse_issue, publish
from core.taxonomies import PeerSupportType, Topic
from services.models import ServicePage

from .models import ContentNote, ShareStoryPage, StoryIndexPage, StoryPage, StorySupportLink
from .roles import RECEIVED

CONTENT_NOTES = [
    ("baby-loss", "Baby loss"),
    ("bereavement", "Bereavement"),
    ("suicide", "Suicide"),
    ("self-harm", "Self-harm"),
    ("postnatal-depression", "Postnatal depression"),
    ("eating-problems", "Eating problems"),
    ("abuse", "Abuse"),
]

# Each seed quote: how it starts in the seed, the story's slug and title, the
# service page it is about (by slug, if the directory has it), and its terms.
SEED_STORIES = [
    dict(
        quote_start="I benefit from knowing I'm not alone",
        slug="not-alone-in-difficult-times",
        title="Not alone in difficult times",
        service_slug="tamba", service_name="Tamba",
        topics=["twins-and-multiples", "single-parenting"], types=["peer-support-groups"],
    ),
    dict(
        quote_start="I cannot express how reassuring it is",
        slug="people-going-through-the-same-things",
        title="Meeting people going through the same things",
        service_slug="gingerbread-west-london", service_name="Gingerbread",
        topics=["single-parenting"], types=["peer-support-groups", "peer-led"],
    ),
    dict(
        quote_start="It is a great place to make new friends",
        slug="a-great-place-to-make-new-friends",
        title="A great place to make new friends",
        service_slug="nct-bumps-babies-and-beyond", service_name="NCT Bumps & Babies",
        topics=["perinatal-mental-health"], types=["peer-support-groups"],
    ),
]

SHARE_INTRODUCTION = (
    "<p>Stories are what connect people. By sharing your experience of receiving or providing peer support, "
    "you help make the case for peer support and show the different shapes it can take.</p>"
    "<p>We can help you think about how much of your story you want to share, and how. A story moderator "
    "reads everything before anything is published, and we always remove details that could identify you "
    "or anyone else.</p>"
)


def seed_quotes():
    """{quote start: (quote, attribution)} for every quote in the seed issue."""
    parsed = parse_issue(SEED_FILE.read_text(encoding="utf-8"))
    quotes = {}
    for section in parsed.sections:
        for block_type, value in section.blocks:
            if block_type == "quote":
                who = value["attribution"]
                if value.get("source"):
                    who = f"{who} re {value['source']}"  # as the seed writes it: "NCT re Bumps & Babies"
                quotes[value["quote"]] = who
    return quotes


def _find_quote(quotes, start):
    for quote, who in quotes.items():
        if quote.startswith(start):
            return quote, who
    raise LookupError(f"The seed no longer has the quote starting {start!r}")


def _service_page(slug):
    return ServicePage.objects.filter(slug=slug).first()


def ensure_content_notes():
    for slug, name in CONTENT_NOTES:
        ContentNote.objects.get_or_create(slug=slug, defaults={"name": name})


def _seed_story(index, spec, quotes):
    quote, who = _find_quote(quotes, spec["quote_start"])
    existing = StoryPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    story = StoryPage(
        slug=spec["slug"],
        title=spec["title"],
        byline=who,
        role=RECEIVED,
        story_date=SEED_ISSUE_DATE,
        pull_quote=quote,
        listing_summary=f"{who}: peer support from {spec['service_name']}.",
        body=[
            ("quote", {"quote": quote, "attribution": who, "source": "", "source_url": ""}),
            ("rich_text", "<p>First published in #PeerTalk, June 2016.</p>"),
        ],
    )
    story.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
    story.peer_support_types = list(PeerSupportType.objects.filter(slug__in=spec["types"]))
    page = _service_page(spec["service_slug"])
    story.support_links = [StorySupportLink(page=page, name="" if page else spec["service_name"])]
    return publish(index, story)


def load(home):
    ensure_content_notes()
    index, _ = get_or_publish(
        home,
        StoryIndexPage,
        "stories",
        title="Peer support stories",
        show_in_menus=True,
        introduction="<p>Real experiences of giving and receiving peer support, shared with permission. "
        "Some stories have content notes: read them first and choose what feels right for you.</p>",
    )
    get_or_publish(index, ShareStoryPage, "share", title="Share your story", introduction=SHARE_INTRODUCTION)
    quotes = seed_quotes()
    for spec in SEED_STORIES:
        _seed_story(index, spec, quotes)
    return index


def stories_section(blocks):
    """The issue's "Peer support stories" section: the seed's call to share and
    Zoe's contact stay; a link to the form and the latest stories follow."""
    share_page = ShareStoryPage.objects.live().first()
    if share_page is None:
        return blocks
    # A page link in rich text (not a typed address), so it follows the page if it moves.
    share = (
        "rich_text",
        "<p>You can also send us your story, or an idea for one, online: "
        f'<a linktype="page" id="{share_page.pk}">share your story</a>. '
        "A story moderator reads everything before anything is published.</p>",
    )
    latest = ("story_list", {"heading": "Latest stories", "limit": 3})
    return list(blocks) + [share, latest]
