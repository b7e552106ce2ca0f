"""Repeating events: expand them in London wall-clock time and describe them as RRULEs.

Expansion works on naive local times and attaches Europe/London afterwards, so
a 7pm meeting is at 7pm in both GMT and BST (expanding in UTC would move it).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

LONDON = ZoneInfo("Europe/London")

NONE, WEEKLY, MONTHLY_DATE, MONTHLY_WEEKDAY = "", "weekly", "monthly_date", "monthly_weekday"
FREQUENCY_CHOICES = [
    (NONE, "Does not repeat"),
    (WEEKLY, "Weekly"),
    (MONTHLY_DATE, "Monthly on the same date (e.g. the 14th)"),
    (MONTHLY_WEEKDAY, "Monthly on the same weekday (e.g. the second Tuesday)"),
]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Occurrence:
    event: object
    start: datetime  # aware, Europe/London (local midnight for all-day events)
    end: datetime | None  # aware; for all-day events, midnight after the last day
    all_day: bool

    @property
    def status_label(self):
        return self.event.status_label


def local_naive(value):
    return value.astimezone(LONDON).replace(tzinfo=None)


def aware(naive):
    return naive.replace(tzinfo=LONDON)


def week_ordinal(day):
    """1-4 for the first to fourth weekday of its month; -1 for a fifth (the last)."""
    ordinal = (day.day - 1) // 7 + 1
    return -1 if ordinal == 5 else ordinal


def local_span(event):
    """(start, end-or-None) as naive London times; all-day events run midnight to midnight."""
    start = local_naive(event.start)
    end = local_naive(event.end) if event.end else None
    if event.all_day:
        first = datetime.combine(start.date(), time())
        last_day = end.date() if end else start.date()
        return first, datetime.combine(last_day + timedelta(days=1), time())
    return start, end


def _rule(event, dtstart):
    kwargs = {"dtstart": dtstart, "interval": event.repeat_interval or 1}
    if event.repeat_count:
        kwargs["count"] = event.repeat_count
    elif event.repeat_until:
        kwargs["until"] = datetime.combine(event.repeat_until, dtstart.time())
    if event.repeat == WEEKLY:
        return rrule.rrule(rrule.WEEKLY, **kwargs)
    if event.repeat == MONTHLY_DATE:
        return rrule.rrule(rrule.MONTHLY, bymonthday=dtstart.day, **kwargs)
    weekday = getattr(rrule, WEEKDAYS[dtstart.weekday()])(week_ordinal(dtstart))
    return rrule.rrule(rrule.MONTHLY, byweekday=weekday, **kwargs)


def excluded(event):
    return {row.date for row in event.excluded_dates.all()}


def occurrences(event, after=None, limit=None):
    """The event's occurrences that have not ended by `after` (aware), soonest first."""
    if event.start is None:
        return []
    start, end = local_span(event)
    length = end - start if end else None
    if event.repeat == NONE:
        starts = [start]
    else:
        rule = _rule(event, start)
        if after is not None:
            earliest = local_naive(after) - (length or timedelta())
            starts = rule.xafter(earliest, inc=True)
        else:
            starts = iter(rule)
    skip = excluded(event) if event.repeat != NONE else set()
    found = []
    for naive in starts:
        if naive.date() in skip:
            continue
        occurrence = Occurrence(event, aware(naive), aware(naive + length) if length else None, event.all_day)
        if after is not None and (occurrence.end or occurrence.start) <= after:
            continue
        found.append(occurrence)
        if limit and len(found) >= limit:
            break
    return found


def series_end(event):
    """When the last occurrence ends (aware), or None for no date or an open-ended series."""
    if event.start is None or event.date_tbc:
        return None
    start, end = local_span(event)
    length = end - start if end else timedelta()
    if event.repeat == NONE:
        return aware(start + length)
    if not (event.repeat_count or event.repeat_until):
        return None
    last = _rule(event, start)[-1] if event.repeat_count else _rule(event, start).before(
        datetime.combine(event.repeat_until, time.max), inc=True
    )
    return aware((last or start) + length)


def ical_rrule(event):
    """The RRULE as a dict for icalendar's vRecur, or None."""
    if event.repeat == NONE or event.start is None:
        return None
    start, _ = local_span(event)
    rule = {"FREQ": "WEEKLY" if event.repeat == WEEKLY else "MONTHLY"}
    if (event.repeat_interval or 1) > 1:
        rule["INTERVAL"] = event.repeat_interval
    if event.repeat == MONTHLY_DATE:
        rule["BYMONTHDAY"] = start.day
    elif event.repeat == MONTHLY_WEEKDAY:
        rule["BYDAY"] = f"{week_ordinal(start)}{WEEKDAYS[start.weekday()]}"
    if event.repeat_count:
        rule["COUNT"] = event.repeat_count
    elif event.repeat_until:
        # RFC 5545: with a DATE start UNTIL is a DATE; with a zoned start it must be UTC.
        if event.all_day:
            rule["UNTIL"] = event.repeat_until
        else:
            rule["UNTIL"] = aware(datetime.combine(event.repeat_until, start.time())).astimezone(ZoneInfo("UTC"))
    return rule


def describe(event):
    """Plain English, e.g. 'Every other week until 1 March 2027'."""
    if event.repeat == NONE or event.start is None:
        return ""
    start, _ = local_span(event)
    unit = "week" if event.repeat == WEEKLY else "month"
    n = event.repeat_interval or 1
    every = {1: f"Every {unit}", 2: f"Every other {unit}"}.get(n, f"Every {n} {unit}s")
    if event.repeat == WEEKLY:
        text = f"{every} on {WEEKDAY_NAMES[start.weekday()]}"
    elif event.repeat == MONTHLY_DATE:
        text = f"{every} on the {_nth(start.day)}"
    else:
        text = f"{every} on the {ORDINALS[week_ordinal(start)]} {WEEKDAY_NAMES[start.weekday()]}"
    if event.repeat_count:
        text += f", {event.repeat_count} times in all"
    elif event.repeat_until:
        text += f", until {event.repeat_until.day} {event.repeat_until:%B %Y}"
    return text


def _nth(day):
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"

