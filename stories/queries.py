"""Queries other apps use to show stories (HomePage, StoryListBlock)."""

import functools

from core.compiled import CompiledQuery
from core.prefetch import prefetch

from .models import CARD_RELATIONS, StoryPage


def featured_stories(limit=3):
    return prefetch(_newest_stories(limit)(), *CARD_RELATIONS)


@functools.lru_cache(maxsize=16)
def _newest_stories(limit):
    """The newest `limit` stories: compiled once per process and limit (see core.compiled;
    a LIMIT is written into the SQL, not passed with it), their relations read by prefetch()."""
    return CompiledQuery(lambda: StoryPage.objects.listed().prefetch_related(None)[:limit])


def stories_for_block(value):
    return featured_stories(limit=value.get("limit") or 3)
