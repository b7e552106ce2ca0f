"""Result snippets with the matched words marked, built from escaped text only."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import content_words

from .query import PhraseMatcher

SNIPPET_CHARS = 240
LEAD_CHARS = 70


def hits(text, matcher):
    """(start, end, phrase) character spans in `text` of every phrase the matcher knows."""
    content = content_words(text)
    stems = [stemmed for _start, _end, stemmed in content]
    return [(content[start][0], content[end - 1][1], phrase) for start, end, phrase in matcher.spans(stems)]


def hit_spans(text, matcher):
    return [(start, end) for start, end, _phrase in hits(text, matcher)]


def _window(text, spans):
    """The stretch of text around the densest run of hits, cut at spaces."""
    best = max(spans, key=lambda span: sum(1 for other in spans if span[0] <= other[0] < span[0] + SNIPPET_CHARS))
    start = max(0, best[0] - LEAD_CHARS)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best[0] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", best[1], end)
        end = space if space > best[1] else max(end, best[1])
    return start, end


def mark(text, spans, start=0, end=None):
    """HTML for text[start:end], every span wrapped in <mark>, everything escaped."""
    end = len(text) if end is None else end
    pieces, position = [], start
    for hit_start, hit_end in spans:
        if hit_start < start or hit_end > end:
            continue
        pieces.append(escape(text[position:hit_start]))
        pieces.append(f"<mark>{escape(text[hit_start:hit_end])}</mark>")
        position = hit_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def folded(text):
    """`text` with each run of white space one space, as snippets show it."""
    return " ".join((text or "").split())


def snippet(text, matcher):
    """An excerpt of `text` around its hits (None if there are none), as safe HTML."""
    text = folded(text)
    return excerpt(text, hit_spans(text, matcher))


def excerpt(text, spans):
    """An excerpt of `text` (folded already) around its hits, the `spans` found in it, as safe
    HTML; None if there are none."""
    if not spans:
        return None
    start, end = _window(text, spans)
    html = mark(text, spans, start, end)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))


def highlight(text, matcher):
    """All of a short text (a title) with its hits marked."""
    text = text or ""
    return mark_safe(mark(text, hit_spans(text, matcher)))


def matcher_for(analysis):
    return PhraseMatcher(analysis.phrases)
