from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from core.text import variants

DEFAULT_CRISIS_TERMS = """suicide
suicidal
kill myself
killing myself
end my life
want to die
self-harm
self harm
harm myself
hurt myself
overdose
crisis
can't go on
not safe"""


def _lines(text):
    """The items of an editor's list: one per line (semicolons also separate)."""
    return [item.strip() for line in (text or "").splitlines() for item in line.split(";") if item.strip()]


class GlossaryTerm(index.Indexed, models.Model):
    """A word from peer support, what it means in plain English, and the other
    names people use for it. Search treats the term and all its other names
    as the same thing, so 'PND' also finds 'post-natal depression'."""

    term = models.CharField(
        max_length=100, unique=True, help_text="The word or phrase as the newsletter uses it, e.g. 'Peer mentoring'."
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="Used in the glossary page's web address for this term. Leave blank to make it from the term.",
    )
    definition = models.TextField(
        help_text="What it means, in one to three plain-English sentences, as you would explain it to a friend."
    )
    synonyms = models.TextField(
        blank=True,
        help_text="Other names people use for the same thing, one per line, e.g. 'PND' and 'post-natal depression'. "
        "Searching for any of them also finds the others. Spellings with a hyphen also match without one.",
    )

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("synonyms"), FieldPanel("slug")]
    search_fields = [index.SearchField("term"), index.SearchField("synonyms"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:100]
        super().save(*args, **kwargs)

    @property
    def other_names(self):
        return _lines(self.synonyms)

    @property
    def all_names(self):
        """The term and every other name, with hyphen-free spellings, without repeats."""
        names = []
        for name in [self.term, *self.other_names]:
            for spelling in variants(name):
                if spelling.lower() not in {n.lower() for n in names}:
                    names.append(spelling)
        return names


@register_setting(icon="search")
class SearchSettings(BaseSiteSetting):
    crisis_terms = models.TextField(
        default=DEFAULT_CRISIS_TERMS,
        help_text="Words and phrases, one per line, that show the crisis support panel above search results. "
        "Word forms match too: 'suicide' also matches 'suicidal'.",
    )

    panels = [FieldPanel("crisis_terms")]

    class Meta:
        verbose_name = "search settings"

    @property
    def crisis_term_list(self):
        return _lines(self.crisis_terms)


class TitleIndexEntry(models.Model):
    """SQLite only: an FTS5 index of Wagtail's search index entries' titles alone, kept
    in step with them by triggers (migration 0003). A broad search picks its candidates
    by title (search.matching): in Wagtail's FTS5 table a `{title}` filter still reads
    every match of the words in the body too (~9,000 for "mental health" at 10,000
    pages, 10-13 ms); here it reads only the titles that have them (1.5 ms)."""

    index_entry = models.OneToOneField(
        "wagtailsearch.IndexEntry", primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="+"
    )
    title = models.TextField()

    class Meta:
        managed = False  # a virtual table: migration 0003 makes it on SQLite only
        db_table = "search_titleindex_fts"
