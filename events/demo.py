"""Varied demo events for scale tests: one-offs, weekly and monthly series,
all-day events, cancellations and TBC dates, spread over the past and next years."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from core.seed import add_demo_page, making_demo_pages
from core.taxonomies import Audience

from . import recurrence
from .models import EventExcludedDate, EventFeedState, EventPage
from .seed import ensure_index

TITLES = ["Peer support group", "Peer worker network meeting", "Wellbeing walk", "Peer support training",
          "Drop-in café", "Parents' coffee morning", "Recovery college taster", "Open dialogue workshop"]
VENUES = [("K&C Mind Meeting Room", "", ""), ("Pain Quotidien", "15–17 Exhibition Road", "SW7 2HE"),
          ("Westway Community Centre", "", "W10"), ("", "", "")]


@making_demo_pages()
def generate(count, home):
    """Create `count` published event pages quickly (no revisions: a scale fixture)."""
    index = ensure_index(home)
    offset = index.get_children().count()  # numbering carries on across runs
    rng = random.Random(2016 + offset)
    audiences = list(Audience.objects.all())
    now = timezone.now()
    pages = []
    for n in range(count):
        page = _event(offset + n, rng, now)
        page.live, page.first_published_at, page.last_published_at = True, now, now
        add_demo_page(index, page)
        pages.append(page)
    _relations(pages, rng, audiences)
    return pages


def _event(n, rng, now):
    title = rng.choice(TITLES)
    local = timezone.localtime(now).replace(minute=0, second=0, microsecond=0)
    start = local + timedelta(days=rng.randint(-400, 400), hours=rng.randint(-6, 6))
    venue, address, postcode = rng.choice(VENUES)
    kind = n % 10
    fields = dict(
        title=f"{title} {n + 1}", slug=f"demo-event-{n + 1}",
        summary=f"A demo {title.lower()} for testing listings and feeds.",
        start=start, end=start + timedelta(hours=rng.choice([1, 1.5, 2])),
        venue_name=venue, address=address, postcode=postcode, online_url="" if venue else "https://example.org/join",
        register_email="events@example.org", cost=rng.choice(["", "Free", "£5"]),
    )
    if kind == 0:
        fields.update(repeat=recurrence.WEEKLY, repeat_count=rng.randint(4, 20))
    elif kind == 1:
        fields.update(repeat=recurrence.MONTHLY_WEEKDAY, repeat_until=(start + timedelta(days=365)).date())
    elif kind == 2:
        fields.update(repeat=recurrence.MONTHLY_DATE)
    elif kind == 3:
        day = datetime.combine(start.date(), datetime.min.time(), tzinfo=recurrence.LONDON)
        fields.update(all_day=True, start=day, end=day + timedelta(days=rng.randint(0, 2)))
    elif kind == 4:
        fields.update(status=EventPage.CANCELLED)
    elif kind == 5 and n % 20 == 5:
        fields.update(date_tbc=True, start=None, end=None)
    elif kind == 6:
        fields.update(status=rng.choice([EventPage.POSTPONED, EventPage.MOVED_ONLINE]))
    return EventPage(**fields)


def _relations(pages, rng, audiences):
    through = EventPage.audiences.through
    links, skips, states = [], [], []
    for page in pages:
        for audience in rng.sample(audiences, k=min(len(audiences), rng.randint(1, 2))):
            links.append(through(eventpage_id=page.pk, audience_id=audience.pk))
        if page.repeat == recurrence.WEEKLY:
            skips.append(EventExcludedDate(page=page, date=(timezone.localtime(page.start) + timedelta(weeks=2)).date()))
        states.append(EventFeedState(page=page, fingerprint=page.feed_fingerprint()))
    through.objects.bulk_create(links)
    EventExcludedDate.objects.bulk_create(skips)
    EventFeedState.objects.bulk_create(states)
