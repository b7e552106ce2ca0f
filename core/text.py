"""Words, stems and phrases: the one tokeniser that pages and queries share.

Wagtail's database search stems on PostgreSQL but not on SQLite, so we index a
stemmed copy of every page (`BasePage.search_stems`) and stem queries the same
way. Snowball's English stemmer is the one PostgreSQL's `english` configuration
uses, so both databases see the same forms: groups, group, grouping -> group.
A small table (IRREGULAR_FORMS) adds the plurals Snowball misses: children -> child.
"""

import re
import threading
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

# Letters and digits in any script; everything else (quotes, *, -, emoji) separates words.
_WORD_WITH_APOSTROPHES = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.I)
_APOSTROPHE = re.compile(r"['’]")
MAX_WORD_LENGTH = 40

# Common words that carry no meaning on their own. Dropped from the stemmed copy
# and from queries alike, so phrases line up on both databases.
STOP_WORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being between both but by
    can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its just me more most my no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who whom why will
    with would you your yours""".split()
)
# Query words that mean "operator" to a search engine, not to a person typing.
OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "NEAR"})

# A Snowball stemmer keeps the word it is working on in itself, so two threads sharing
# one (gunicorn's gthread workers) garble each other's words: one stemmer per thread.
_stemmers = threading.local()


def _stemmer():
    if not hasattr(_stemmers, "english"):
        _stemmers.english = snowballstemmer.stemmer("english")
    return _stemmers.english


# Word forms Snowball leaves apart ("children" stems to "children", not "child"),
# read as their usual form before stemming. Used for page text and queries alike,
# so "child" finds pages about children on SQLite and PostgreSQL. Only plurals
# that can mean nothing else: "lives" and "leaves" are verbs too.
IRREGULAR_FORMS = {
    "children": "child",
    "childrens": "child",
    "grandchildren": "grandchild",
    "stepchildren": "stepchild",
    "women": "woman",
    "womens": "woman",
    "men": "man",
    "mens": "man",
    "people": "person",
    "peoples": "person",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
}


@lru_cache(maxsize=20_000)
def stem(word):
    lowered = word.lower()
    return _stemmer().stemWord(IRREGULAR_FORMS.get(lowered, lowered))


class Word(NamedTuple):  # a tuple: snippets tokenise thousands of words a search
    text: str
    start: int
    end: int
    stem: str
    stop: bool


def _word_matches(text):
    """A regex match for each word in `text`, possessives left out ("Tamba's" -> "Tamba");
    positions point into `text`."""
    return _WORD_WITH_APOSTROPHES.finditer(_POSSESSIVE.sub(_blanked, text or ""))


def _blanked(match):
    return " " * len(match[0])


@lru_cache(maxsize=20_000)  # search result snippets read every word of ten pages
def _read_word(matched):
    """(word, stem, whether a stop word) of a word as it appears: inner apostrophes joined
    ("don't" -> "dont")."""
    word = _APOSTROPHE.sub("", matched) if "'" in matched or "’" in matched else matched
    lowered = word.lower()[:MAX_WORD_LENGTH]
    return word, stem(lowered), lowered in STOP_WORDS


def words(text, keep_operators=True):
    """Every word in `text` with its position and stem.

    Possessives are dropped ("Tamba's" -> "Tamba") and inner apostrophes joined
    ("don't" -> "dont"); positions still point into the original text.
    """
    found = []
    for match in _word_matches(text):
        word, stemmed, stop = _read_word(match[0])
        if keep_operators or word not in OPERATOR_WORDS:
            found.append(Word(word, match.start(), match.end(), stemmed, stop))
    return found


def content_words(text):
    """(start, end, stem) of each word in `text` that is not a stop word, as words() finds
    them, without making a Word of each: result snippets read every word of ten pages a
    search (1,000 words), and the Words were a third of that. One loop, one cached call a
    word: a generator of raw words feeding a second cached call cost 0.2 ms more a search."""
    found = []
    for match in _word_matches(text):
        _word, stemmed, stop = _read_word(match[0])
        if not stop:
            found.append((match.start(), match.end(), stemmed))
    return found


@lru_cache(maxsize=4096)  # glossary and crisis names are stemmed on every search
def content_stems(text):
    """The stems of the meaningful words in `text`, in order."""
    return tuple(word.stem for word in words(text) if not word.stop)


@lru_cache(maxsize=4096)
def all_stems(text):
    """The stems of every word, stop words included (for crisis phrases like "kill myself")."""
    return tuple(word.stem for word in words(text))


def variants(name):
    """A name and its hyphen-free spelling: "post-natal" also matches "postnatal"."""
    names = [name]
    if "-" in name:
        names.append(name.replace("-", ""))
    return names


# --- Page text -----------------------------------------------------------------


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def _field_texts(obj, field, related, skip):
    from django.db.models import Manager
    from wagtail.search import index

    if isinstance(field, index.SearchField):
        if field.field_name not in skip:
            yield from _flatten(field.get_value(obj))
    elif isinstance(field, index.RelatedFields) and related:
        value = field.get_value(obj)
        if value is None:
            return
        items = value.all() if isinstance(value, Manager) else [value() if callable(value) else value]
        for item in items:
            for sub_field in field.fields:
                yield from _field_texts(item, sub_field, related, skip)


def searchable_text(obj, related=True, skip=()):
    """The text the search index holds for `obj`, read from its `search_fields`.

    `related=False` skips related objects (taxonomies), which would cost a query
    per page when building result snippets; `skip` names fields to leave out.
    """
    skip = {"search_stems", *skip}
    return "\n".join(
        text for field in obj.get_search_fields() for text in _field_texts(obj, field, related, skip) if text
    )


def page_stems(page):
    """The stemmed copy of a page's searchable text that BasePage indexes."""
    return " ".join(content_stems(searchable_text(page)))
