"""iCalendar (RFC 5545) output for events, built with `icalendar`.

Choices here follow how real clients behave, not just the RFC:
- METHOD:PUBLISH and no ORGANIZER (Outlook turns ORGANIZER into accept/decline prompts);
- cancelled events stay, with STATUS:CANCELLED *and* a "Cancelled:" title, since
  Google Calendar silently ignores the status;
- the Europe/London VTIMEZONE uses yearly RRULEs: Thunderbird (ical.js) and
  vobject misread the RDATE lists that icalendar's add_missing_timezones() writes;
- a single-event download has no X-WR-CALNAME, or Outlook makes a new calendar.
"""

import hashlib
from datetime import datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from . import recurrence
from .models import EventFeedState

FRAGMENT_VERSION = "1"  # bump when vevent() changes, to rebuild stored VEVENTs
PRODID = "-//Kensington and Chelsea Mind//#PeerTalk events//EN"
REFRESH = timedelta(hours=1)
STATUS = {"scheduled": "CONFIRMED", "moved_online": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
TITLE_PREFIX = {"cancelled": "Cancelled: ", "postponed": "Postponed: ", "moved_online": "Moved online: "}


def london_vtimezone():
    """Europe/London as GMT/BST with the EU rules in force since 1996."""
    tz = Timezone()
    tz.add("tzid", "Europe/London")
    tz.add("x-lic-location", "Europe/London")
    daylight = TimezoneDaylight()
    daylight.add("tzname", "BST")
    daylight.add("dtstart", datetime(1996, 3, 31, 1, 0, 0))
    daylight.add("tzoffsetfrom", timedelta(hours=0))
    daylight.add("tzoffsetto", timedelta(hours=1))
    daylight.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    standard = TimezoneStandard()
    standard.add("tzname", "GMT")
    standard.add("dtstart", datetime(1996, 10, 27, 2, 0, 0))
    standard.add("tzoffsetfrom", timedelta(hours=1))
    standard.add("tzoffsetto", timedelta(hours=0))
    standard.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def new_calendar(name=None, description=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("description", description)
        cal.add("x-wr-caldesc", description)
        cal.add("x-wr-timezone", "Europe/London")
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")  # Outlook reads this; same as REFRESH
    cal.add_component(london_vtimezone())
    return cal


def description_text(event, url):
    lines = [event.summary]
    audiences = ", ".join(a.name for a in event.audiences.all())
    if audiences:
        lines.append(f"Who it is for: {audiences}")
    how = registration_text(event)
    if how:
        lines.append(f"How to register: {how}")
    if event.cost:
        lines.append(f"Cost: {event.cost}")
    if event.accessibility:
        lines.append(f"Access: {event.accessibility}")
    if event.online_url:
        lines.append(f"Join online: {event.online_url}")
    lines.append(f"More details: {url}")
    return "\n\n".join(line for line in lines if line)


def registration_text(event):
    parts = [event.register_instructions]
    if event.register_email and event.register_email not in event.register_instructions:
        parts.append(f"email {event.register_email}")
    if event.register_url:
        parts.append(event.register_url)
    if event.waiting_list and "waiting list" not in event.register_instructions.lower():
        parts.append("(waiting list)")
    return " ".join(part for part in parts if part)


def vevent(event, url):
    """One VEVENT; `event` is a live EventPage with a date."""
    start, end = recurrence.local_span(event)
    item = Event()
    item.add("uid", str(event.ical_uid))
    stamp = event.last_published_at or event.latest_revision_created_at
    item.add("dtstamp", stamp)
    item.add("last-modified", stamp)
    if event.first_published_at:
        item.add("created", event.first_published_at)
    item.add("sequence", event_sequence(event))
    item.add("summary", TITLE_PREFIX.get(event.status, "") + event.title)
    if event.all_day:
        item.add("dtstart", start.date())
        item.add("dtend", end.date())  # exclusive: the day after the last day
    else:
        item.add("dtstart", recurrence.aware(start))
        if end:
            item.add("dtend", recurrence.aware(end))
    rule = recurrence.ical_rrule(event)
    if rule:
        item.add("rrule", vRecur(rule))
        exdates = sorted(recurrence.excluded(event))
        if exdates:
            if event.all_day:
                item.add("exdate", exdates)
            else:
                item.add("exdate", [recurrence.aware(datetime.combine(d, start.time())) for d in exdates])
    item.add("status", STATUS[event.status])
    item.add("transp", "TRANSPARENT" if event.status == "cancelled" else "OPAQUE")
    if event.location_text:
        item.add("location", event.location_text)
    item.add("description", description_text(event, url))
    item.add("url", url)
    categories = [a.name for a in event.audiences.all()]
    if categories:
        item.add("categories", categories)
    return item


def event_sequence(event):
    try:
        return event.feed_state.sequence
    except event.__class__.feed_state.RelatedObjectDoesNotExist:
        return 0


def feed_bytes(events, index_url, name, description):
    """The whole feed from a queryset of EventPages.

    icalendar's serialiser is too slow to redo thousands of events per request,
    so each VEVENT is serialised once per published version and kept on its
    EventFeedState; a request reads those texts without building page objects
    and only rebuilds the ones whose inputs changed."""
    rows = list(events.values_list(
        "pk", "last_published_at", "feed_state__sequence", "feed_state__fragment_key", "feed_state__fragment"
    ))
    fragments, stale = {}, []
    for pk, published, sequence, key, fragment in rows:
        if key and key == fragment_key(pk, published, sequence or 0, index_url):
            fragments[pk] = fragment
        else:
            stale.append(pk)
    if stale:
        fragments.update(rebuild_fragments(events.filter(pk__in=stale), index_url))
    header = new_calendar(name, description).to_ical().decode()
    body = "".join(fragments[pk] for pk, *_ in rows)
    return (header[: -len(CALENDAR_END)] + body + CALENDAR_END).encode()


CALENDAR_END = "END:VCALENDAR\r\n"


def rebuild_fragments(events, index_url):
    """Serialise these events and store the results for next time."""
    built, changed, created = {}, [], []
    for event in events.select_related("feed_state").prefetch_related("audiences", "excluded_dates"):
        try:
            state = event.feed_state
        except EventFeedState.DoesNotExist:
            state = EventFeedState(page=event, fingerprint=event.feed_fingerprint())
        text = vevent(event, f"{index_url}{event.slug}/").to_ical().decode()
        state.fragment, state.fragment_key = text, fragment_key(event.pk, event.last_published_at, state.sequence,
                                                                index_url)
        (changed if state.pk else created).append(state)
        built[event.pk] = text
    EventFeedState.objects.bulk_update(changed, ["fragment", "fragment_key"], batch_size=500)
    EventFeedState.objects.bulk_create(created, batch_size=500, ignore_conflicts=True)
    return built


def fragment_key(pk, published, sequence, index_url):
    """Everything a stored VEVENT depends on; page data changes only by publishing."""
    raw = f"{FRAGMENT_VERSION}|{pk}|{published}|{sequence}|{index_url}"
    return hashlib.sha256(raw.encode()).hexdigest()


def single_event_bytes(event, url):
    cal = new_calendar()
    cal.add_component(vevent(event, url))
    return cal.to_ical()

