"""Queries other apps use to show events. Empty until the events app has event pages."""


def upcoming_events(limit=3):
    return []


def events_for_block(value):
    return upcoming_events(limit=value.get("limit") or 5)
