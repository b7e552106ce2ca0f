"""Event queries shared by the listings, the feeds, the home page and the issue's
"Dates for the diary" block. Each runs a fixed number of SQL queries, however
many events there are."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.db.models import Q, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.pages import listable, listed

from . import recurrence
from .models import EventPage

# How far ahead a repeating event is expanded into separate listing entries.
LISTING_WINDOW = timedelta(weeks=13)
# "No limit" for a date comparison, in a form every database compares with datetimes.
NO_CUTOFF = datetime(9999, 12, 31, tzinfo=dt_timezone.utc)
# What listings read with each event: who it is for (cards) and the dates a series skips.
EVENT_RELATIONS = ("audiences", "excluded_dates")


def live_events(audience=None):
    events = (
        listed(EventPage.objects.live().public())
        .prefetch_related(*EVENT_RELATIONS)
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


def upcoming_occurrences(audience=None, now=None, window=LISTING_WINDOW, limit=20):
    """The first `limit` occurrences that have not ended, soonest first. A repeating event
    appears once per date within `window`, or once (its next date) if that is later.

    Only the events that can be among the first `limit` are read and expanded, so the cost
    depends on `limit`, not on how many events there are: the `limit` soonest one-off events
    (in SQL), and the repeating series that started no later than the last of those (a
    series starting later cannot come before them). One query, plus two prefetches."""
    now = now or timezone.now()
    return _soonest(_candidates(audience, now, limit), now, window, limit)


def upcoming_and_tbc(audience=None, limit=20, tbc_limit=20, now=None, window=LISTING_WINDOW):
    """(upcoming_occurrences(...), the first `tbc_limit` events whose date is to be confirmed),
    for the events page: both read in the same query and prefetches."""
    now = now or timezone.now()
    tbc_first = tbc_events(audience).values("pk")[:tbc_limit]
    events = list(_candidates(audience, now, limit, also=Q(pk__in=Subquery(tbc_first))))
    tbc = sorted((event for event in events if event.date_tbc), key=lambda event: (event.title, event.pk))
    dated = [event for event in events if not event.date_tbc]
    return _soonest(dated, now, window, limit), tbc


def _soonest(events, now, window, limit):
    horizon = now + window
    found = []
    for event in events:
        if event.is_recurring:
            found.extend(_within(event, now, horizon, limit))
        else:
            found.extend(event.occurrences(after=now, limit=1))
    found.sort(key=lambda o: (o.start, o.event.title, o.event.pk))
    return found[:limit]


def _candidates(audience, now, limit, also=None):
    """The events that can be among the first `limit` occurrences (and those matching `also`)."""
    ongoing = Q(date_tbc=False, start__isnull=False) & (Q(series_end__isnull=True) | Q(series_end__gte=now))
    one_offs = EventPage.objects.live().public().filter(ongoing, repeat=recurrence.NONE).order_by("start", "pk")
    if audience is not None:
        one_offs = one_offs.filter(audiences=audience)
    soonest = one_offs.values("pk")[:limit]
    # The start of the limit-th one-off: a series that starts after it cannot make the list.
    cutoff = Coalesce(Subquery(one_offs.values("start")[limit - 1 : limit]), Value(NO_CUTOFF))
    wanted = ongoing & (Q(pk__in=Subquery(soonest)) | (~Q(repeat=recurrence.NONE) & Q(start__lte=cutoff)))
    return live_events(audience).filter(wanted | also if also is not None else wanted)


def _within(event, now, horizon, limit):
    occurrences = []
    for occurrence in event.occurrences(after=now, limit=min(limit, 60)):
        if occurrences and occurrence.start > horizon:
            break
        occurrences.append(occurrence)
    return occurrences


def upcoming_events(limit=3):
    """The next `limit` occurrences (for the home page)."""
    return upcoming_occurrences(limit=limit)


def events_for_block(value):
    """The events an editor picked, in date order; with none picked, what is coming up."""
    picked = [page for page in (value.get("events") or []) if page]
    limit = value.get("limit") or 5
    if not picked:
        return upcoming_events(limit=limit)
    # Loaded already, as cards show them (core.blocks.CardPageChooserBlock): each event once,
    # in tree order as a query would give them, with what their occurrences need.
    chosen = sorted({event.pk: event for event in listable(picked, EventPage)}.values(), key=lambda e: e.path)
    prefetch_related_objects(chosen, *EVENT_RELATIONS)
    ordered = sorted(chosen, key=lambda e: (e.date_tbc, e.start or timezone.now(), e.title))
    return [event.first_occurrence for event in ordered[:limit]]
