"""Event queries shared by the listings, the feeds, the home page and the issue's
"Dates for the diary" block. Each runs a fixed number of SQL queries, however
many events there are."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import EventPage

# How far ahead a repeating event is expanded into separate listing entries.
LISTING_WINDOW = timedelta(weeks=13)


def live_events(audience=None):
    events = (
        EventPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("listing_image")
        .prefetch_related("audiences", "excluded_dates")
    )
    if audience is not None:
        events = events.filter(audiences=audience)
    return events


def dated_events(audience=None):
    return live_events(audience).filter(date_tbc=False, start__isnull=False)


def feed_events(audience=None):
    """Every dated event for calendar feeds, past ones included, so calendars keep history."""
    events = EventPage.objects.live().public().filter(date_tbc=False, start__isnull=False)
    if audience is not None:
        events = events.filter(audiences=audience)
    return events.order_by("start", "pk")


def tbc_events(audience=None):
    return live_events(audience).filter(date_tbc=True).order_by("title", "pk")


def past_events(audience=None, now=None):
    now = now or timezone.now()
    return dated_events(audience).filter(series_end__lt=now).order_by("-start", "-pk")


def upcoming_occurrences(audience=None, now=None, window=LISTING_WINDOW, limit=None):
    """Occurrences that have not ended, soonest first. A repeating event appears
    once per date within `window`, or once (its next date) if that is later."""
    now = now or timezone.now()
    events = dated_events(audience).filter(Q(series_end__isnull=True) | Q(series_end__gte=now)).order_by("start", "pk")
    horizon = now + window
    found = []
    for event in events:
        found.extend(_within(event, now, horizon) if event.is_recurring else event.occurrences(after=now, limit=1))
    found.sort(key=lambda o: (o.start, o.event.title, o.event.pk))
    return found[:limit] if limit else found


def _within(event, now, horizon):
    occurrences = []
    for occurrence in event.occurrences(after=now, limit=60):
        if occurrences and occurrence.start > horizon:
            break
        occurrences.append(occurrence)
    return occurrences


def upcoming_events(limit=3):
    """The next `limit` occurrences (for the home page)."""
    return upcoming_occurrences(limit=limit)


def events_for_block(value):
    """The events an editor picked, in date order; with none picked, what is coming up."""
    picked = [page.pk for page in (value.get("events") or []) if page]
    limit = value.get("limit") or 5
    if not picked:
        return upcoming_events(limit=limit)
    chosen = live_events().filter(pk__in=picked)
    ordered = sorted(chosen, key=lambda e: (e.date_tbc, e.start or timezone.now(), e.title))
    return [event.first_occurrence for event in ordered[:limit]]
