"""How events read to people: dates in plain English, "Add to calendar" links, JSON-LD."""

import json
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from . import recurrence

UTC = ZoneInfo("UTC")


def clock(value):
    """2pm, 3.30pm, 12 noon, 12 midnight: the newsletter's own style."""
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    if value.hour == 0 and value.minute == 0:
        return "12 midnight"
    hour = value.hour % 12 or 12
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def day(value):
    return f"{value:%A} {value.day} {value:%B %Y}"


def when_text(occurrence):
    """e.g. 'Wednesday 8 June 2016, 2pm to 3.30pm'."""
    if occurrence is None or occurrence.start is None:
        return "Date to be confirmed"
    start = occurrence.start.astimezone(recurrence.LONDON)
    end = occurrence.end.astimezone(recurrence.LONDON) if occurrence.end else None
    if occurrence.all_day:
        last = (end - timedelta(days=1)).date() if end else start.date()
        return day(start) if last == start.date() else f"{day(start)} to {day(last)}"
    if end is None:
        return f"{day(start)}, {clock(start)}"
    if end.date() == start.date():
        return f"{day(start)}, {clock(start)} to {clock(end)}"
    return f"{day(start)}, {clock(start)} to {day(end)}, {clock(end)}"


def _utc_stamp(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_link(occurrence, details):
    event = occurrence.event
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"
    else:
        end = occurrence.end or occurrence.start
        dates = f"{_utc_stamp(occurrence.start)}/{_utc_stamp(end)}"
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details,
             "location": event.location_text, "ctz": "Europe/London"}
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(occurrence, details):
    event = occurrence.event
    end = occurrence.end or occurrence.start
    query = {"subject": event.title,
             "startdt": occurrence.start.isoformat(), "enddt": end.isoformat(), "body": details,
             "location": event.location_text}
    if occurrence.all_day:
        query.update(startdt=f"{occurrence.start:%Y-%m-%d}", enddt=f"{end:%Y-%m-%d}", allday="true")
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)


ATTENDANCE = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved_online": "https://schema.org/EventMovedOnline",
}


def attendance(event):
    online = bool(event.online_url) or event.status == "moved_online"
    in_person = bool(event.venue_name or event.address or event.postcode) and event.status != "moved_online"
    if online and in_person:
        return "mixed"
    return "online" if online else "offline"


def json_ld(event, occurrence, url, organiser):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE[attendance(event)],
        "organizer": {"@type": "Organization", "name": organiser, "url": url.split("/events/")[0] + "/"},
    }
    if occurrence and occurrence.start:
        if occurrence.all_day:
            data["startDate"] = occurrence.start.date().isoformat()
            data["endDate"] = (occurrence.end - timedelta(days=1)).date().isoformat()
        else:
            data["startDate"] = occurrence.start.isoformat()
            if occurrence.end:
                data["endDate"] = occurrence.end.isoformat()
    data["location"] = _locations(event)
    if event.cost or event.price is not None:
        offer = {"@type": "Offer", "url": url, "priceCurrency": "GBP", "description": event.cost}
        if event.price is not None:
            offer["price"] = str(event.price)
        data["offers"] = offer
    return _script_safe(json.dumps(data, ensure_ascii=False))


def _locations(event):
    places = []
    if attendance(event) in ("online", "mixed"):
        places.append({"@type": "VirtualLocation", "url": event.online_url or ""})
    if attendance(event) in ("offline", "mixed"):
        address = ", ".join(line.strip() for line in event.address.splitlines() if line.strip())
        places.append({
            "@type": "Place",
            "name": event.venue_name or "Venue given on registration",
            "address": {"@type": "PostalAddress", "streetAddress": address, "postalCode": event.postcode,
                        "addressLocality": "London", "addressCountry": "GB"},
        })
    return places[0] if len(places) == 1 else places


def _script_safe(text):
    """JSON safe inside <script>: no '</script>' or HTML comment can close it early."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
