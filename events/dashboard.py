"""The editors' dashboard panel for "Dates for the diary": what is coming up in the
next 30 days, what is cancelled and what still has no date. Two SQL queries,
however many events there are."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from core.dashboard import DashboardSection

from .models import EventPage

WINDOW = timedelta(days=30)
SHOWN = 8  # events listed under each heading; the count says how many there are in all


def _not_over(now):
    return Q(date_tbc=True) | Q(series_end__isnull=True) | Q(series_end__gte=now)


class EventsPanel(Component):
    name = "peertalk_events"
    template_name = "events/admin/dashboard_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        now = timezone.now()
        horizon = now + WINDOW
        coming = Q(date_tbc=False, start__lte=horizon) & ~Q(status=EventPage.CANCELLED) & _not_over(now)
        cancelled = Q(status=EventPage.CANCELLED) & _not_over(now)
        tbc = Q(date_tbc=True) & ~Q(status=EventPage.CANCELLED)
        pages = (
            EventPage.objects.filter(coming | cancelled | tbc)
            .defer_streamfields()
            .prefetch_related("excluded_dates")
            .order_by("start", "title", "pk")
        )
        lists = {"coming": [], "cancelled": [], "tbc": []}  # (event, when) pairs
        for event in pages:
            if event.status == EventPage.CANCELLED:
                lists["cancelled"].append((event, event.start))
            elif event.date_tbc:
                lists["tbc"].append((event, None))
            else:
                nxt = event.occurrences(after=now, limit=1)
                if nxt and nxt[0].start <= horizon:
                    lists["coming"].append((event, nxt[0].start))
        lists["coming"].sort(key=lambda pair: (pair[1], pair[0].title))
        return {
            "sections": [
                DashboardSection("coming", "Coming up in the next 30 days", len(lists["coming"]),
                                 lists["coming"][:SHOWN], filter="?when=upcoming"),
                DashboardSection("cancelled", "Cancelled", len(lists["cancelled"]),
                                 lists["cancelled"][:SHOWN], filter="?status__exact=cancelled"),
                DashboardSection("tbc", "Date to be confirmed", len(lists["tbc"]), lists["tbc"][:SHOWN], filter="?when=tbc"),
            ],
        }
