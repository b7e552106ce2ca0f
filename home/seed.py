"""Turn the #PeerTalk seed document into pages.

The seed is the newsletter as its editors wrote it (Markdown exported from a
Word document). We parse it into StreamField sections rather than pasting one
blob of HTML, so the issue is editable block by block, and every quote keeps its
attribution as data.
"""

import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify
from wagtail.models import Page, Site

SEED_FILE = Path(__file__).parent / "seed" / "peertalk-issue.md"

# The seed does not say when the issue went out. Its news mentions March and
# April 2016 and its diary starts on 8 June 2016, so we date it 1 June 2016.
SEED_ISSUE_DATE = date(2016, 6, 1)
SEED_ISSUE_SLUG = "june-2016"
SEED_ISSUE_TITLE = "#PeerTalk, June 2016"

# Namespace for stable ids of seeded objects: the same seed gives the same UUIDs
# on every machine, so the open data API's ids survive a rebuild.
SEED_NAMESPACE = uuid.UUID("6f1f5d8e-3c1e-4c58-9b3e-2f5c7a0d9e41")


def seed_uuid(kind, slug):
    return uuid.uuid5(SEED_NAMESPACE, f"{kind}:{slug}")


# Functions that seed each app's pages, run after the core tree exists and
# before the issue, so the issue's listing blocks can point at them.
APP_LOADERS = [
    "services.seed.load",
    "events.seed.load",
    "stories.seed.load",
    "search.seed.load",
]

# A section whose prose another app now serves from its own pages: the
# function takes the parsed blocks and returns the blocks to store instead.
SECTION_TRANSFORMS = {}
# services: the parents' directory prose becomes a list read from the service pages.
SECTION_TRANSFORMS["Spotlight on parents"] = "services.seed.parents_section"
# stories: the call to share stays; a link to the form and the latest stories follow.
SECTION_TRANSFORMS["Peer support stories"] = "stories.seed.stories_section"
# events: the diary table becomes a list read from the event pages.
SECTION_TRANSFORMS["Dates for the diary..."] = "events.seed.diary_section"


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)


@dataclass
class ParsedIssue:
    title: str
    standfirst: str
    sections: list


# --- Parsing -------------------------------------------------------------------

_EMPTY_LINK = re.compile(r'<a href="#">(.*?)</a>', re.S)
_SPEAKER_QUOTE = re.compile(r'^"(?P<quote>.+)"\s*~\s*(?P<who>[^*]+?)\s+re\s+\*(?P<source>.+)\*$', re.S)
_ATTRIBUTION = re.compile(r"^\*(?!\*)(?P<italic>[^*]+)\*(?:[ \t]*\n(?P<rest>.+))?$", re.S)
_SUPERSCRIPT = re.compile(r"\s*<sup>\s*(\w+)\s*</sup>")


def inline_html(text):
    """Markdown to HTML, without the placeholder links ("#") the seed has for
    pages that were never written: a link that goes nowhere fails WCAG 2.4.4."""
    html = markdown.markdown(text.strip())
    html = _EMPTY_LINK.sub(r"\1", html)
    return html.replace("<strong>", "<b>").replace("</strong>", "</b>").replace("<em>", "<i>").replace("</em>", "</i>")


def plain(text):
    """Markdown inline text as plain words (for quotes and attributions)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_]{1,2}", "", text).strip()


def strip_quote_marks(text):
    text = plain(text)
    if len(text) > 1 and text[0] in "'\"‘“" and text[-1] in "'\"’”":
        text = text[1:-1]
    return text.strip()


def _paragraphs(lines):
    """Split lines into paragraphs, mending the seed's mid-sentence page breaks
    ("…experience mental" / blank line / "health difficulties…")."""
    paragraphs, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.rstrip("\n"))
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    mended = []
    for paragraph in paragraphs:
        previous = mended[-1] if mended else ""
        if previous and not re.search(r"[.!?:)'\"*…]$", previous.strip()) and paragraph[:1].islower():
            mended[-1] = previous.rstrip() + " " + paragraph.lstrip()
        else:
            mended.append(paragraph)
    return mended


def _table(paragraph):
    rows = [[" ".join(_SUPERSCRIPT.sub(r"\1", cell).split()) for cell in line.split("\t")] for line in paragraph.splitlines()]
    return {"first_row_is_table_header": True, "first_col_is_header": False, "data": rows}


def _quote(quote, attribution="", source=""):
    return ("quote", {"quote": quote, "attribution": attribution, "source": source, "source_url": ""})


def _classify(paragraphs, heading):
    """Yield (block_type, value) for each paragraph, merging runs of prose."""
    blocks = []
    prose = []

    def flush():
        if prose:
            blocks.append(("rich_text", "\n".join(prose)))
            prose.clear()

    for paragraph in paragraphs:
        text = paragraph.strip()
        if all("\t" in line for line in text.splitlines()):
            flush()
            table = _table(text)
            table["table_caption"] = heading.rstrip(".…")
            blocks.append(("table", table))
        elif text.startswith("### "):
            prose.append(f"<h3>{inline_html(text[4:])[3:-4]}</h3>")
        elif speaker := _SPEAKER_QUOTE.match(text):
            flush()
            blocks.append(_quote(speaker["quote"].strip(), plain(speaker["who"]), plain(speaker["source"])))
        elif (attribution := _ATTRIBUTION.match(text)) and (prose or blocks):
            # An italic line names who said the paragraph before it.
            quoted = _pop_last_paragraph(prose)
            flush()
            italic, rest = plain(attribution["italic"]), plain(attribution["rest"] or "")
            if rest:  # a publication title then its publisher: "*'Title'*  National Mind, 2009"
                blocks.append(_quote(quoted, rest, strip_quote_marks(italic)))
            else:
                blocks.append(_quote(quoted, italic))
        else:
            prose.append(inline_html(text))
    flush()
    return blocks


def _pop_last_paragraph(prose):
    """The last prose paragraph, as plain text without its quotation marks."""
    html = prose.pop()
    text = re.sub(r"<br\s*/?>", "\n", html)
    return strip_quote_marks(re.sub(r"<[^>]+>", "", text))


def parse_issue(text):
    lines = text.splitlines()
    title, sections, current = "", [], None
    for line in lines:
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            current = Section(line[3:].strip())
            current.raw = []
            sections.append(current)
        elif current is not None:
            current.raw.append(line)
    # The seed's own "This issue" list is replaced by the automatic contents list.
    sections = [s for s in sections if slugify(s.heading) != "this-issue"]
    # The document closes with the programme's strapline: it becomes the standfirst.
    last = sections[-1]
    paragraphs = _paragraphs(last.raw)
    standfirst = paragraphs.pop().strip()
    last.raw = "\n\n".join(paragraphs).splitlines()
    for section in sections:
        section.blocks = _classify(_paragraphs(section.raw), section.heading)
        section.anchor = slugify(section.heading)
        del section.raw
    return ParsedIssue(title=title, standfirst=standfirst, sections=sections)


# --- Loading -------------------------------------------------------------------


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get_or_publish(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    return publish(parent, model(slug=slug, **fields)), True


def ensure_home_page():
    """The HomePage at the site root, replacing Wagtail's placeholder welcome page."""
    from .models import HomePage

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="#PeerTalk",
            slug="peertalk-home",
            introduction=(
                "#PeerTalk is the peer support newsletter of the Side by Side programme at Kensington and "
                "Chelsea Mind. Read the newsletter, find local peer support, see dates for the diary and "
                "share your story."
            ),
        )
        publish(root, home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    if site.root_page_id != home.pk:
        placeholder = site.root_page if site.pk else None
        # Full URLs (feeds, calendar links) use the Site's address: take it from settings.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = "#PeerTalk"
        site.save()
        if placeholder and placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About #PeerTalk",
        "show_in_menus": True,
        "introduction": "#PeerTalk is the newsletter of the Side by Side peer support programme in Kensington "
        "and Chelsea and Queen's Park and Paddington.",
        "body": [
            ("rich_text", "<p>Side by Side exists to expand, promote and create research about mental health "
             "peer support: people helping each other through a shared experience.</p>"
             "<p>Each issue brings news, local peer support, stories and dates for the diary. Editors at "
             "Kensington and Chelsea Mind write and publish it.</p>"),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "show_in_menus": True,
        "introduction": "Get in touch about the newsletter, peer support in your area, or sharing your story.",
        "body": [
            ("callout", {"style": "contact", "heading": "Side by Side programme", "heading_level": "h2",
                         "body": "<p>We usually reply within three working days. We do not monitor messages "
                         "out of hours: if you need help now, see the crisis numbers on this page.</p>",
                         "contact_name": "Zoe Copeland", "email": "zoe.copeland@kcmind.org.uk",
                         "phone": "020 8964 1333 (option 7)", "link_url": "", "link_text": ""}),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "introduction": "We want as many people as possible to be able to use this website.",
        "body": [
            ("rich_text", "<p>You should be able to zoom in to 400% without the text spilling off the screen, "
             "navigate the whole site using just a keyboard, and use it with a screen reader. Every page works "
             "without JavaScript.</p><h3>How accessible this website is</h3><p>We aim to meet the Web Content "
             "Accessibility Guidelines (WCAG) version 2.2 at level AA. Some older newsletter issues copied "
             "from documents may have links that do not say where they go.</p><h3>Reporting problems</h3>"
             "<p>If you find a problem or need information in a different format, email "
             "<a href=\"mailto:zoe.copeland@kcmind.org.uk\">zoe.copeland@kcmind.org.uk</a> or call "
             "020 8964 1333 (option 7).</p>"),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "introduction": "How we use information about you, in plain English.",
        "body": [
            ("rich_text", "<h3>What we collect</h3><p>This website does not use tracking cookies or analytics. "
             "When you search, we keep the words searched for, to improve the site, but not who searched.</p>"
             "<h3>Your story</h3><p>When you <a href=\"/stories/share/\">share your story</a>, we keep what you "
             "send: your story, the name you chose, your email address and your two consent answers with the "
             "exact wording you agreed to. It may include health information, so only our small group of story "
             "moderators can read it. Their email alerts say only that a story has arrived, never what it says.</p>"
             "<p>We use your email address only to talk to you about your story; it is never published. Before "
             "publishing we edit out details that could identify you or anyone else.</p>"
             "<p>We delete submissions that have not become a published story after 180 days. You can withdraw "
             "at any time, before or after publication: email us and we will delete what you sent and take "
             "your story down.</p>"
             "<h3>Your rights</h3><p>You can ask to see, correct or delete information we hold about you by "
             "emailing <a href=\"mailto:zoe.copeland@kcmind.org.uk\">zoe.copeland@kcmind.org.uk</a>.</p>"),
        ],
    },
]


def ensure_standard_pages(home):
    from .models import StandardPage

    for spec in STANDARD_PAGES:
        get_or_publish(home, StandardPage, **spec)


def ensure_issue_index(home):
    from .models import NewsletterIndexPage

    index, _ = get_or_publish(
        home,
        NewsletterIndexPage,
        "issues",
        title="Newsletter issues",
        show_in_menus=True,
        introduction="<p>Every issue of #PeerTalk, newest first.</p>",
    )
    return index


def issue_body(parsed):
    body = []
    for section in parsed.sections:
        blocks = section.blocks
        transform = SECTION_TRANSFORMS.get(section.heading)
        if transform:
            blocks = import_string(transform)(blocks)
        body.append(("section", {"heading": section.heading, "anchor": section.anchor, "body": blocks}))
    return body


def ensure_seed_issue(index):
    from .models import NewsletterIssuePage

    parsed = parse_issue(SEED_FILE.read_text(encoding="utf-8"))
    issue, created = get_or_publish(
        index,
        NewsletterIssuePage,
        SEED_ISSUE_SLUG,
        title=SEED_ISSUE_TITLE,
        publication_date=SEED_ISSUE_DATE,
        standfirst=parsed.standfirst,
        body=issue_body(parsed),
    )
    return issue, created


def ensure_taxonomies():
    from .taxonomy_seed import ensure_taxonomies as ensure

    ensure()


@contextmanager
def search_indexing_at_the_end():
    """Index each saved object once, when the block ends.

    Seeding saves a page several times (created, revised, published), and the
    search index was updated on every save: a third of load_seed's time.
    """
    from django.db.models.signals import post_save
    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler

    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault(sender, set()).add(instance.pk)

    models = [model for model in search_index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False, dispatch_uid="seed-remember")
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model, dispatch_uid="seed-remember")
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pks in saved.items():
        for instance in model.objects.filter(pk__in=pks):  # as saved last, not as first held
            search_index.insert_or_update_object(instance)


@transaction.atomic
def load_seed(stdout=None):
    """Create the seed site. Safe to run again: existing pages are left as they are."""
    with search_indexing_at_the_end():
        home = ensure_home_page()
        index = ensure_issue_index(home)
        ensure_standard_pages(home)
        ensure_taxonomies()
        for loader in APP_LOADERS:
            import_string(loader)(home)
        issue, created = ensure_seed_issue(index)
    if stdout:
        stdout.write(f"{'Created' if created else 'Kept'} the seed issue at {issue.url_path}")
    return issue
