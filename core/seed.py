"""Seeding helpers every app uses, and the parser for the #PeerTalk seed document.

The seed is the newsletter as its editors wrote it (Markdown exported from a
Word document). We parse it into StreamField sections rather than pasting one
blob of HTML, so the issue is editable block by block, and every quote keeps its
attribution as data.
"""

import re
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import markdown
from django.db.models import F
from django.db.models.signals import post_save
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

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


@contextmanager
def search_indexing_at_the_end():
    """Index each saved object once, when the block ends.

    Seeding saves a page several times (created, revised, published), and the
    search index was updated on every save: a third of load_seed's time.
    """
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
        index_in_bulk(model, pks)


@contextmanager
def making_demo_pages():
    """For the demo-content generators (scale tests, benchmarks): their pages stay out of
    Wagtail's reference index (the admin's usage counts, which no scale test reads; keeping it
    costs most of the time of making a page with tags), and are indexed for search in one batch
    at the end. Usable as a decorator."""
    with disable_reference_index_auto_update(), search_indexing_at_the_end():
        yield


def add_demo_page(parent, page):
    """Add a generated `page` as the last child of `parent`, live, as treebeard's `add_child`
    would, without what an editor's page needs and thousands of generated pages do not:
    validation (the generators' fields are known to be valid), a "created" entry in the audit
    log each, and reading the parent's last child again for every page. About half the time
    of making demo content went on those."""
    previous = getattr(parent, "_last_demo_child", None) or parent.get_last_child()
    page.depth = parent.depth + 1
    page.path = previous._inc_path() if previous else parent._get_path(parent.path, page.depth, 1)
    page.locale_id = parent.locale_id
    page.draft_title = page.draft_title or page.title
    page._cached_parent_obj = parent  # Page.save works out the page's URL from its parent
    page._is_site_root = False
    page.save(clean=False, log_action=None)
    parent.tree_model().objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1
    parent._last_demo_child = page
    return page


def index_in_bulk(model, pks):
    """Index these objects (as saved last, not as first held) in one batch per indexed model
    and search backend. One at a time, each addition also recounts the whole index's average
    title length: a cost that grows with the index, so making thousands of pages slowed as it went."""
    by_model = defaultdict(list)
    for instance in model.objects.filter(pk__in=pks):
        indexed = instance.get_indexed_instance()  # a page's specific type
        if indexed is not None:
            by_model[type(indexed)].append(indexed)
    for indexed_model, objects in by_model.items():
        shown = set(indexed_model.get_indexed_objects().filter(pk__in=[obj.pk for obj in objects])
                    .values_list("pk", flat=True))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(indexed_model, [obj for obj in objects if obj.pk in shown])
