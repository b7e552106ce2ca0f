"""What the listings, feeds, home page and the issue's "Dates for the diary" block ask of
events, as methods of EventPage.objects. Each runs a fixed number of SQL queries, however
many events there are.

This module imports no model: the methods work on the queryset they are called on, so the
page models (and their listing routes) can use them without an import loop.
"""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import pages

from . import recurrence

# How far ahead a repeating event is expanded into separate listing entries.
LISTING_WINDOW = timedelta(weeks=13)
# "No limit" for a date comparison, in a form every database compares with datetimes.
NO_CUTOFF = datetime(9999, 12, 31, tzinfo=dt_timezone.utc)
# What listings read with each event: who it is for (cards) and the dates a series skips.
EVENT_RELATIONS = ("audiences", "excluded_dates")


class EventPageQuerySet(pages.PublicInOneQueryPageQuerySet):
    def _for(self, audience):
        return self if audience is None else self.filter(audiences=audience)

    def listed(self, audience=None):
        """Live, public events as cards show them (core.pages.listed: no StreamField, no image),
        with their audiences and skipped dates."""
        return super().listed().prefetch_related(*EVENT_RELATIONS)._for(audience)

    def dated(self, audience=None):
        return self.listed(audience).filter(date_tbc=False, start__isnull=False)

    def for_feeds(self, audience=None):
        """Every dated event for calendar feeds, past ones included, so calendars keep history."""
        events = self.live().public().filter(date_tbc=False, start__isnull=False)
        return events._for(audience).order_by("start", "pk")

    def to_be_confirmed(self, audience=None):
        return self.listed(audience).filter(date_tbc=True).order_by("title", "pk")

    def past(self, audience=None, now=None):
        now = now or timezone.now()
        return self.dated(audience).filter(series_end__lt=now).order_by("-start", "-pk")

    def upcoming_occurrences(self, audience=None, now=None, window=LISTING_WINDOW, limit=20):
        """The first `limit` occurrences that have not ended, soonest first. A repeating event
        appears once per date within `window`, or once (its next date) if that is later.

        Only the events that can be among the first `limit` are read and expanded, so the cost
        depends on `limit`, not on how many events there are: the `limit` soonest one-off events
        (in SQL), and the repeating series that started no later than the last of those (a
        series starting later cannot come before them). One query, plus two prefetches."""
        now = now or timezone.now()
        return _soonest(self._candidates(audience, now, limit), now, window, limit)

    def upcoming_and_tbc(self, audience=None, limit=20, tbc_limit=20, now=None, window=LISTING_WINDOW):
        """(upcoming_occurrences(...), the first `tbc_limit` events whose date is to be confirmed),
        for the events page: both read in the same query and prefetches."""
        now = now or timezone.now()
        tbc_first = self.to_be_confirmed(audience).values("pk")[:tbc_limit]
        events = list(self._candidates(audience, now, limit, also=Q(pk__in=Subquery(tbc_first))))
        tbc = sorted((event for event in events if event.date_tbc), key=lambda event: (event.title, event.pk))
        dated = [event for event in events if not event.date_tbc]
        return _soonest(dated, now, window, limit), tbc

    def _candidates(self, audience, now, limit, also=None):
        """The events that can be among the first `limit` occurrences (and those matching `also`)."""
        ongoing = Q(date_tbc=False, start__isnull=False) & (Q(series_end__isnull=True) | Q(series_end__gte=now))
        one_offs = self.live().public().filter(ongoing, repeat=recurrence.NONE)._for(audience).order_by("start", "pk")
        soonest = one_offs.values("pk")[:limit]
        # The start of the limit-th one-off: a series that starts after it cannot make the list.
        cutoff = Coalesce(Subquery(one_offs.values("start")[limit - 1 : limit]), Value(NO_CUTOFF))
        wanted = ongoing & (Q(pk__in=Subquery(soonest)) | (~Q(repeat=recurrence.NONE) & Q(start__lte=cutoff)))
        return self.listed(audience).filter(wanted | also if also is not None else wanted)


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


def _within(event, now, horizon, limit):
    occurrences = []
    for occurrence in event.occurrences(after=now, limit=min(limit, 60)):
        if occurrences and occurrence.start > horizon:
            break
        occurrences.append(occurrence)
    return occurrences
