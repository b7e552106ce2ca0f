"""Writing checks for the page editor, beside Wagtail's own accessibility checks:

- reading age: the page's text as readers see it (rendered, markup removed) scored with
  textstat, shown as "about reading age N" with a plain-English hint above the target;
- safe messaging (Samaritans' media guidelines): when a page mentions suicide or self-harm,
  warn if it gives no support details, and point out words that can describe a method.

The word lists and the target are in Settings → Writing checks (home/writing_settings.py).
The panel shows the checks for the page as last saved: save a draft to check new words.
"""

import re
from dataclasses import dataclass, field

import textstat
from bs4 import BeautifulSoup
from django.db import models
from django.utils.html import escape, linebreaks
from wagtail.admin.panels import Panel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from .writing_settings import WritingCheckSettings

MIN_WORDS = 30  # below this, a reading age means little
UK_AGE_OFFSET = 5  # a US school grade plus 5 is the UK reading age
SKIPPED_FIELDS = {"listing_summary", "search_description", "seo_title", "slug"}
BLOCK_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "th", "dt", "dd"]
TEXT_END = re.compile(r"[.!?:;]$")


@dataclass
class Checks:
    words: int
    reading_age: int | None
    target: int
    mentions_topic: list = field(default_factory=list)
    has_support: bool = True
    method_words: list = field(default_factory=list)

    @property
    def hard_to_read(self):
        return self.reading_age is not None and self.reading_age > self.target

    @property
    def missing_support(self):
        return bool(self.mentions_topic) and not self.has_support


def html_text(html):
    """The words a reader sees in some HTML. Headings, list items and paragraphs each
    end a sentence, as they do for a reader, even without a full stop."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("script, style, template, [hidden], .visually-hidden, .sr-only"):
        hidden.decompose()
    lines = []
    for line in soup.get_text("\n").splitlines():
        line = " ".join(line.split())
        if line:
            lines.append(line if TEXT_END.search(line) else f"{line}.")
    return "\n".join(lines)


def page_html(page, request=None):
    """The page's own words rendered as readers get them: its title and each text,
    rich text and StreamField (blocks rendered through their templates). Not the
    site's header, footer or crisis panel, which are the same on every page."""
    parts = [f"<h1>{escape(page.title)}</h1>"]
    context = {"page": page, "self": page, "request": request}
    for model_field in type(page)._meta.concrete_fields:
        if model_field.model._meta.app_label == "wagtailcore" or model_field.name in SKIPPED_FIELDS:
            continue  # Wagtail's own page fields (the title is above), and text readers do not see here
        value = getattr(page, model_field.name, None)
        if not value:
            continue
        if isinstance(model_field, StreamField):
            parts.append(value.render_as_block(context=context))
        elif isinstance(model_field, RichTextField):
            parts.append(expand_db_html(value))
        elif isinstance(model_field, models.TextField) and not model_field.choices:
            parts.append(linebreaks(escape(value)))
    return "\n".join(str(part) for part in parts)


def _found(words, text):
    lowered = text.lower()
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered)]


def check_text(text, settings):
    words = textstat.lexicon_count(text)
    reading_age = None
    if words >= MIN_WORDS:
        reading_age = max(5, round(textstat.flesch_kincaid_grade(text) + UK_AGE_OFFSET))
    topic = _found(settings.topics, text)
    return Checks(
        words=words,
        reading_age=reading_age,
        target=settings.reading_age_target,
        mentions_topic=topic,
        has_support=bool(_found(settings.supports, text)) if topic else True,
        method_words=_found(settings.methods, text) if topic else [],
    )


def check_page(page, request=None):
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    settings = WritingCheckSettings.for_site(site) if site else WritingCheckSettings()
    return check_text(html_text(page_html(page, request)), settings)


class WritingChecksPanel(Panel):
    """Reading age and safe messaging for the page as last saved."""

    def __init__(self, heading="Writing checks", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return "writing_checks"

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/writing_checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk is not None
            context["checks"] = check_page(self.instance, self.request) if saved else None
            return context
