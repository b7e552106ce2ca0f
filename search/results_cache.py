"""A short-lived cache of each search's ranked matches (page id and type, best first).

Ranking is the costly part of a search, even with a broad search ranking only
its best candidates (see engine.rank); paging through the results, filtering
them by type and people searching the same words again all reuse one ranking.

Entries are keyed on a generation that changes whenever what the public can
find changes (publish, unpublish, move, delete, privacy, sites), so a change
shows at once in the process that made it. With a cache each process keeps to
itself (the default without Redis) other processes may show stale ranks for
up to CACHE_SECONDS, but never a page that is no longer public: the pages
shown are always fetched through the live, public, in-site filter.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_SECONDS = 10 * 60
GENERATION_KEY = "search:generation"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = forget_all()
    return generation


def forget_all(**_signal_kwargs):
    """Start a new generation: every cached ranking is ignored from now on."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def _key(site_id, analysis, operator, part):
    searched = repr((site_id, operator, part, [group.alternatives for group in analysis.groups]))
    return f"search:matches:{_generation()}:{hashlib.sha256(searched.encode()).hexdigest()}"


def cached_matches(site_id, analysis, operator, part, rank):
    """What rank() finds for this search (its ranked matches, or the `part` of it
    named: counts, one type's matches), from the cache when it is there."""
    key = _key(site_id, analysis, operator, part)
    matches = cache.get(key)
    if matches is None:
        matches = rank()
        cache.set(key, matches, CACHE_SECONDS)
    return matches


def _forget_for_page(sender, instance=None, **_kwargs):
    if isinstance(instance, Page):
        forget_all()


def connect_signals():
    for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("moved", post_page_move)):
        signal.connect(forget_all, dispatch_uid=f"search-forget-page-{name}")
    post_delete.connect(_forget_for_page, dispatch_uid="search-forget-page-delete")
    for model in (PageViewRestriction, Site):
        post_save.connect(forget_all, sender=model, dispatch_uid=f"search-forget-save-{model.__name__}")
        post_delete.connect(forget_all, sender=model, dispatch_uid=f"search-forget-delete-{model.__name__}")
