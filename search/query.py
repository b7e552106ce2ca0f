"""Turn what a person typed into a search the backend understands.

Only words reach the backend: quotes, `*`, `-`, `NEAR` and friends are read as
separators, so no query can break SQLite FTS5 or PostgreSQL tsquery syntax.
Each word is searched in its typed and stemmed form; a run of words that names
a glossary term (or any of its other names) is searched as all of those names.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from wagtail.search.query import And, Or, Phrase, PlainText

from core.text import MAX_WORD_LENGTH, all_stems, content_stems, variants, words

MAX_QUERY_LENGTH = 200  # the header search box's maxlength
MAX_WORDS = 12


class PhraseMatcher:
    """Finds phrases (tuples of stems) in a sequence of stems, longest first."""

    def __init__(self, phrases):
        self.by_first = defaultdict(list)
        for phrase in set(phrases):
            if phrase:
                self.by_first[phrase[0]].append(phrase)
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)

    def match_at(self, stems, start):
        for phrase in self.by_first.get(stems[start], ()):
            if tuple(stems[start : start + len(phrase)]) == phrase:
                return phrase
        return None

    def spans(self, stems):
        """(start, end, phrase) for the phrases found, left to right, not overlapping.

        Only the words that start a phrase are tried (found by one pass in C): snippets
        match every word of ten pages a search, and most words start none."""
        starts = self.by_first.keys()
        found, free = [], 0  # `free`: the first word not inside a phrase found already
        for position in compress(range(len(stems)), map(starts.__contains__, stems)):
            if position < free:
                continue
            phrase = self.match_at(stems, position)
            if phrase:
                found.append((position, position + len(phrase), phrase))
                free = position + len(phrase)
        return found


def glossary_matcher(terms):
    """A PhraseMatcher over every name of every glossary term, and which term each names."""
    owner = {}
    for term in terms:
        for name in term.all_names:
            owner.setdefault(content_stems(name), term)
    owner.pop((), None)
    return PhraseMatcher(owner), owner


@lru_cache(maxsize=8)  # the same few lists (one per site's settings) on every search
def crisis_matcher(crisis_terms):
    """A PhraseMatcher over `crisis_terms`, a tuple."""
    return PhraseMatcher(all_stems(spelling) for term in crisis_terms for spelling in variants(term))


def _contains(longer, shorter):
    return any(longer[start : start + len(shorter)] == shorter for start in range(len(longer) - len(shorter) + 1))


def shortest_alternatives(alternatives):
    """The alternatives without those that contain another one: a page with
    "mental health problems" has "mental health", and one with "emotional
    distress" has "distress". Any of them will do, so the backend needs only
    the shortest; the glossary's 13 names for mental health become 6."""
    return [
        phrase
        for phrase in alternatives
        if not any(other != phrase and _contains(phrase, other) for other in alternatives)
    ]


@dataclass
class Group:
    """One part of the query: a typed word, or a run of words naming a glossary term."""

    typed: str
    alternatives: list  # tuples of stems, any of which will do
    term: object = None

    def backend_query(self):
        parts = [
            PlainText(phrase[0]) if len(phrase) == 1 else Phrase(" ".join(phrase))
            for phrase in shortest_alternatives(self.alternatives)
        ]
        return parts[0] if len(parts) == 1 else Or(parts)

    @property
    def other_names(self):
        if self.term is None:
            return []
        typed = content_stems(self.typed)
        return [name for name in self.term.all_names if content_stems(name) != typed]


@dataclass
class Analysis:
    text: str  # the query as typed, trimmed
    groups: list = field(default_factory=list)
    crisis: bool = False
    too_long: bool = False

    @property
    def is_blank(self):
        return not self.text

    @property
    def has_words(self):
        return bool(self.groups)

    @property
    def terms(self):
        """Glossary terms the query named, in order, without repeats."""
        seen = []
        for group in self.groups:
            if group.term is not None and group.term not in seen:
                seen.append(group.term)
        return seen

    @property
    def synonyms_tried(self):
        return [name for group in self.groups for name in group.other_names]

    def backend_query(self, operator="and"):
        parts = [group.backend_query() for group in self.groups]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if operator == "and" else Or(parts)

    @property
    def phrases(self):
        """Every stem phrase searched for, to highlight in results."""
        return [phrase for group in self.groups for phrase in group.alternatives]

    def groups_found(self, phrases):
        """How many parts of the query the found phrases cover."""
        return len({index for index, group in enumerate(self.groups) for phrase in phrases if phrase in group.alternatives})


def analyse(raw, glossary=None, crisis_terms=()):
    """Read a raw query: its words, the glossary terms it names (`glossary`: what glossary_matcher
    made of the terms), and whether it is about a crisis."""
    # Control characters (NUL breaks PostgreSQL) become spaces before anything else sees the text.
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        return Analysis(text=text[:MAX_QUERY_LENGTH], too_long=True)
    typed = [word for word in words(text, keep_operators=False) if not word.stop][:MAX_WORDS]
    stems = [word.stem for word in typed]
    matcher, owner = glossary or glossary_matcher(())
    groups, position = [], 0
    while position < len(typed):
        phrase = matcher.match_at(stems, position)
        if phrase:
            term = owner[phrase]
            span = typed[position : position + len(phrase)]
            alternatives = sorted({content_stems(name) for name in term.all_names} - {()})
            groups.append(Group(" ".join(word.text for word in span), alternatives, term))
            position += len(phrase)
        else:
            word = typed[position]
            groups.append(Group(word.text, sorted({(word.text.lower()[:MAX_WORD_LENGTH],), (word.stem,)})))
            position += 1
    crisis = bool(crisis_matcher(tuple(crisis_terms)).spans(list(all_stems(text))))
    return Analysis(text=text, groups=groups, crisis=crisis)
