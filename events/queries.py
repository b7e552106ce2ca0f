"""Event listings other apps and blocks show: the home page's next dates and the issue's
"Dates for the diary" block. The queries themselves are EventPage.objects' methods
(events.querysets)."""

from django.utils import timezone

from core.pages import listable
from core.prefetch import prefetch

from .models import EventPage
from .querysets import EVENT_RELATIONS


def upcoming_events(limit=3):
    """The next `limit` occurrences (for the home page)."""
    return EventPage.objects.upcoming_occurrences(limit=limit)


def events_for_block(value):
    """The events an editor picked, in date order; with none picked, what is coming up."""
    picked = [page for page in (value.get("events") or []) if page]
    limit = value.get("limit") or 5
    if not picked:
        return upcoming_events(limit=limit)
    # Loaded already, as cards show them (core.blocks.CardPageChooserBlock): each event once,
    # in tree order as a query would give them, with what their occurrences need.
    chosen = sorted({event.pk: event for event in listable(picked, EventPage)}.values(), key=lambda e: e.path)
    prefetch(chosen, *EVENT_RELATIONS)
    ordered = sorted(chosen, key=lambda e: (e.date_tbc, e.start or timezone.now(), e.title))
    return [event.first_occurrence for event in ordered[:limit]]
