"""Queries other apps use to show stories (HomePage, StoryListBlock)."""

from .models import StoryPage


def published_stories():
    return (
        StoryPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("listing_image")
        .prefetch_related("content_notes")
        .order_by("-story_date", "-first_published_at", "-pk")
    )


def featured_stories(limit=3):
    return list(published_stories()[:limit])


def stories_for_block(value):
    return featured_stories(limit=value.get("limit") or 3)
