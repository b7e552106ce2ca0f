"""Forgiving spelling: "Did you mean ...?" and typing tolerance in autocomplete.

Suggestions come only from words the site uses: the text Wagtail's search index
holds for live, public pages (titles, text, the taxonomy names they carry), the
glossary's names and the taxonomies' names. The vocabulary is built in a fixed
number of queries (one over the search index, however many pages there are) but
reads every page's words: a second or more on 10,000 pages, so searches do not
build it. It is kept in the cache until rebuilt: by the daily jobs
(`build_search_vocabulary`), and once a privacy change is committed; it grows at
once when a page is published. Only a search that finds the cache empty (a new
cache, a restart of a per-process one) builds it. Words removed from the site
may linger until the next build, so a suggestion is only offered after it has
been checked to find pages (see views).

rapidfuzz measures the distance between words (optimal string alignment: one
typo is one letter added, dropped, changed, or two letters swapped).
"""

import re
import uuid
from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from rapidfuzz import process
from rapidfuzz.distance import OSA
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published

from core.taxonomies import TaxonomyTerm
from core.text import STOP_WORDS, searchable_text, stem, words

from .models import GlossaryTerm

VOCABULARY_KEY = "search:vocabulary"
VERSION_KEY = "search:vocabulary:version"
VOCABULARY_SECONDS = None  # until rebuilt
MIN_WORD_LENGTH = 3  # shorter words have too many neighbours to guess from

# Words of two letters or more, letters only: no numbers, no "2016". An
# apostrophe ends a word, so "Tamba's" gives "tamba" (the "s" is too short).
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def tokens(text):
    """The lower-case words of `text`, quickly: the vocabulary reads every page on
    the site (one regular expression is most of the build's time)."""
    return _LETTERS.findall((text or "").lower())


def max_typos(word):
    """How many typos a word of this length may have and still be recognised."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 9 else 3


@dataclass
class Vocabulary:
    words: dict  # word -> how often the site uses it
    titles: dict  # word -> how often page titles and glossary terms use it

    def __post_init__(self):
        self._words, self._titles = list(self.words), list(self.titles)

    def __contains__(self, word):
        return word in self.words

    def closest(self, word):
        """The site's word nearest to `word` (fewest typos, then most used), or None."""
        word = word.lower()
        if len(word) < MIN_WORD_LENGTH or word in self.words:
            return None
        found = process.extract(word, self._words, scorer=OSA.distance, score_cutoff=max_typos(word), limit=None)
        found = [(distance, -self.words[choice], choice) for choice, distance, _index in found if choice != word]
        return min(found)[2] if found else None

    def completions(self, start, limit=3):
        """Title words that `start` may be the beginning of, allowing for typos:
        "gingr" -> ["gingerbread"]. Fewest typos, then most used, first."""
        start = start.lower()
        if len(start) < MIN_WORD_LENGTH:
            return []
        allowed = 1 if len(start) <= 6 else 2
        best = {}
        for length in range(len(start) - allowed, len(start) + allowed + 1):
            candidates = [word for word in self._titles if len(word) >= length and word[0] == start[0]]
            beginnings = [word[:length] for word in candidates]
            for _beginning, distance, index in process.extract(
                start, beginnings, scorer=OSA.distance, score_cutoff=allowed, limit=None
            ):
                word = candidates[index]
                best[word] = min(distance, best.get(word, distance))
        ranked = sorted(best, key=lambda word: (best[word], -self.titles[word], word))
        return ranked[:limit]


# --- Building and keeping the vocabulary ----------------------------------------


def _index_text_fields():
    """The search index's plain-text columns for this database (title, body)."""
    if connection.vendor == "postgresql":
        return "title_text", "body_text"
    return "title", "body"


def _public_models():
    """Indexed models other than pages whose words readers see: glossary and taxonomies."""
    models, pending = [GlossaryTerm], [TaxonomyTerm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if not subclass._meta.abstract:
                models.append(subclass)
    return models


def _without_stems(counts):
    """Drop words that are only there as stems. Every page also indexes the stems
    of its words (BasePage.search_stems): "bereavement" adds "bereav". A stem
    that is a real word too ("group") is used more often than all its other forms
    together; a stem that is not ("bereav") only exactly as often."""
    others = Counter()
    for word, count in counts.items():
        word_stem = stem(word)
        if word_stem != word:
            others[word_stem] += count
    return {word: count for word, count in counts.items() if word not in others or count > others[word]}


def build(pages=None):
    """The vocabulary of live, public pages (or `pages`), the glossary and the
    taxonomies: two queries, whatever the size of the site."""
    pages = Page.objects.live().public() if pages is None else pages
    title_field, body_field = _index_text_fields()
    page_types = set(get_descendants_content_types_pks(Page))
    other_types = [ContentType.objects.get_for_model(model).pk for model in _public_models()]
    shown = pages.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    index_entry = get_app_config().get_model("IndexEntry")
    entries = index_entry.objects.filter(
        Q(content_type__in=page_types, object_id__in=shown) | Q(content_type__in=other_types)
    ).values_list("content_type_id", title_field, body_field)
    page_words, other_words, titles = Counter(), Counter(), Counter()
    for content_type_id, title, body in entries.iterator(chunk_size=2000):
        if content_type_id in page_types:
            page_words.update(tokens(f"{title}\n{body}"))
            titles.update(tokens(title))
        else:
            other_words.update(tokens(f"{title}\n{body}"))
    for term in GlossaryTerm.objects.only("term"):  # glossary terms are offered in autocomplete too
        titles.update(tokens(term.term))
    every = Counter(_without_stems(page_words))
    every.update(other_words)
    for counter in (every, titles):
        for word in STOP_WORDS & counter.keys():
            del counter[word]
    return Vocabulary(dict(every), dict(titles))


_memo = {"version": None, "vocabulary": None}


def _store(vocabulary):
    version = uuid.uuid4().hex
    cache.set(VOCABULARY_KEY, (version, vocabulary.words, vocabulary.titles), VOCABULARY_SECONDS)
    cache.set(VERSION_KEY, version, VOCABULARY_SECONDS)
    _memo.update(version=version, vocabulary=vocabulary)


def rebuild():
    """Build the vocabulary afresh and store it for every process sharing the cache."""
    _store(build())


def vocabulary():
    """The site's vocabulary: this process's copy while it is current, else the
    cache's, else built afresh."""
    version = cache.get(VERSION_KEY)
    if version is not None and version == _memo["version"]:
        return _memo["vocabulary"]
    stored = cache.get(VOCABULARY_KEY)
    if stored is not None and stored[0] == version:
        _memo.update(version=version, vocabulary=Vocabulary(stored[1], stored[2]))
        return _memo["vocabulary"]
    built = build()
    _store(built)
    return built


def add_words(text, title=""):
    """Add a newly published page's words to the stored vocabulary, if there is one."""
    stored = cache.get(VOCABULARY_KEY)
    if stored is None:
        return  # the next suggestion builds it with these words
    _version, every, titles = stored
    every, titles = Counter(every), Counter(titles)
    every.update(word for word in tokens(text) if word not in STOP_WORDS)
    titles.update(word for word in tokens(title) if word not in STOP_WORDS)
    _store(Vocabulary(dict(every), dict(titles)))


def _page_published(sender, instance, **_kwargs):
    if Page.objects.live().public().filter(pk=instance.pk).exists():  # private pages' words stay private
        add_words(searchable_text(instance), instance.title)


def _glossary_saved(sender, instance, **_kwargs):
    add_words(" ".join(instance.all_names), instance.term)


def forget(**_signal_kwargs):
    """A page was made private, say: its words must go. The vocabulary is rebuilt once
    the change is committed (in the editor's request, not a reader's search); until
    then a search that needs it builds it."""
    cache.delete(VERSION_KEY)
    transaction.on_commit(rebuild, robust=True)


def connect_signals():
    page_published.connect(_page_published, dispatch_uid="search-vocabulary-published")
    post_save.connect(_glossary_saved, sender=GlossaryTerm, dispatch_uid="search-vocabulary-glossary")
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="search-vocabulary-privacy-saved")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="search-vocabulary-privacy-deleted")


# --- Suggestions ------------------------------------------------------------------


@dataclass
class Suggestion:
    text: str  # the query with its unknown words respelt
    unknown: list  # the words as typed that the site never uses


def _respell(text, replace):
    """`text` with each word `replace` maps (lower case) swapped, keeping a capital."""
    parts, position = [], 0
    for word in words(text):
        better = replace.get(word.text.lower())
        if better:
            parts += [text[position : word.start], better.capitalize() if word.text[:1].isupper() else better]
            position = word.end
    return "".join([*parts, text[position:]])


def suggest(analysis):
    """A respelling of the query's unknown words into the site's words, or None.
    Glossary names the query uses are never respelt."""
    known = vocabulary()
    replace, unknown = {}, []
    for group in analysis.groups:
        if group.term is not None:
            continue
        for word in tokens(group.typed):
            if word in known or word in replace:
                continue
            better = known.closest(word)
            if better:
                replace[word] = better
                unknown.append(word)
    if not replace:
        return None
    return Suggestion(_respell(analysis.text, replace), unknown)


def complete(typed):
    """What has been typed so far with typos mended, for autocomplete: finished
    words respelt, the last one read as the start of a title word. [] if nothing
    needs mending, else up to three readings."""
    typed_words = words(typed, keep_operators=False)
    if not typed_words:
        return []
    known = vocabulary()
    replace = {}
    for word in typed_words[:-1]:
        better = known.closest(word.text)
        if better:
            replace[word.text.lower()] = better
    last = typed_words[-1]
    head = _respell(typed[: last.start], replace)
    endings = known.completions(last.text)
    if not endings and replace:
        endings = [last.text.lower()]
    return [f"{head}{ending}" for ending in endings if f"{head}{ending}" != typed]
