"""Queries other apps use to show stories. Empty until the stories app has story pages."""


def featured_stories(limit=3):
    return []


def stories_for_block(value):
    return featured_stories(limit=value.get("limit") or 3)
