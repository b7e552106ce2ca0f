"""The iCalendar feeds, read the way calendar clients read them.

Times are checked with vobject (a parser that is not `icalendar`) against
Python's zoneinfo, so a wrong VTIMEZONE or a UTC/local mix-up shows up here.
"""

import icalendar
import pytest
import vobject

from .helpers import UTC, add_event, london, republish, utc

FEED = "/events/feed.ics"

# "Dates for the diary" in the seed issue (core/seed/peertalk-issue.md), London time.
SEED_DATES = {
    "Peer Worker Network Meeting (June)": (london(2016, 6, 8, 14, 0), london(2016, 6, 8, 15, 30)),
    "Peer Worker Network Meeting (July)": (london(2016, 7, 7, 11, 0), london(2016, 7, 7, 12, 30)),
    "Peer Support Network Meeting": (london(2016, 7, 13, 10, 30), london(2016, 7, 13, 12, 0)),
}


def vevents(response):
    """The feed's events as vobject reads them, keyed by title."""
    calendar = vobject.readOne(response.content.decode("utf-8"))
    return {event.summary.value: event for event in calendar.vevent_list}


def by_title(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_seed_feed_has_the_diary_at_the_right_instants(client, seeded):
    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = vevents(response)
    assert set(events) == set(SEED_DATES)  # the TBC training is not given an invented date
    for title, (start, end) in SEED_DATES.items():
        assert events[title].dtstart.value.astimezone(UTC) == start.astimezone(UTC)
        assert events[title].dtend.value.astimezone(UTC) == end.astimezone(UTC)
    # 8 June 2016 2pm in London is 13:00 UTC (BST).
    assert events["Peer Worker Network Meeting (June)"].dtstart.value.astimezone(UTC) == utc(2016, 6, 8, 13, 0)
    assert "Pain Quotidien" in events["Peer Support Network Meeting"].location.value
    assert "SW7 2HE" in events["Peer Support Network Meeting"].location.value


def test_feed_carries_what_clients_need(client, seeded):
    text = client.get(FEED).content.decode()
    calendar = icalendar.Calendar.from_ical(text)

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] and calendar["NAME"] and calendar["X-WR-CALDESC"]
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
    assert "X-PUBLISHED-TTL:PT1H" in text
    assert "ORGANIZER" not in text
    timezone = calendar.walk("VTIMEZONE")[0]
    assert timezone["TZID"] == "Europe/London"
    assert "RDATE" not in text  # ical.js and vobject misread RDATE lists
    assert {str(part["TZNAME"]) for part in timezone.subcomponents} == {"GMT", "BST"}
    assert all("RRULE" in part for part in timezone.subcomponents)
    for event in calendar.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "URL", "STATUS"):
            assert name in event, name
        assert str(event["URL"]).startswith("http://testserver/events/")
    june = by_title(client.get(FEED))["Peer Worker Network Meeting (June)"]
    assert client.get(str(june["URL"]).replace("http://testserver", "")).status_code == 200


def test_lines_are_crlf_and_folded(client, seeded):
    raw = client.get(FEED).content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_weekly_event_keeps_its_local_time_across_the_october_clock_change(client, seeded):
    # The clocks go back on Sunday 31 October 2027.
    add_event("Evening peer support group", start=london(2027, 10, 20, 19, 0), end=london(2027, 10, 20, 20, 30),
              repeat="weekly", repeat_count=4, venue_name="K&C Mind Meeting Room")

    event = vevents(client.get(FEED))["Evening peer support group"]
    instants = [start.astimezone(UTC) for start in event.getrruleset()]

    assert instants == [utc(2027, 10, 20, 18), utc(2027, 10, 27, 18), utc(2027, 11, 3, 19), utc(2027, 11, 10, 19)]
    assert "FREQ=WEEKLY" in event.rrule.value and "COUNT=4" in event.rrule.value


def test_monthly_weekday_rule_and_excluded_dates(client, seeded):
    from events.models import EventExcludedDate

    page = add_event("Second Tuesday drop-in", start=london(2027, 1, 12, 10, 0), end=london(2027, 1, 12, 12, 0),
                     repeat="monthly_weekday", repeat_until=london(2027, 6, 1).date())
    republish(page, excluded_dates=[EventExcludedDate(date=london(2027, 3, 9).date())])

    event = vevents(client.get(FEED))["Second Tuesday drop-in"]
    dates = [start.astimezone(london(2027, 1, 1).tzinfo) for start in event.getrruleset()]

    assert "BYDAY=2TU" in event.rrule.value
    assert [(d.month, d.day, d.hour) for d in dates] == [(1, 12, 10), (2, 9, 10), (4, 13, 10), (5, 11, 10)]


def test_all_day_event_uses_dates_with_an_exclusive_end(client, seeded):
    add_event("Peer support festival", start=london(2027, 5, 14, 0, 0), end=london(2027, 5, 15, 0, 0), all_day=True)

    text = client.get(FEED).content.decode()
    event = by_title(client.get(FEED))["Peer support festival"]

    assert "DTSTART;VALUE=DATE:20270514" in text
    assert "DTEND;VALUE=DATE:20270516" in text  # the day after the last day
    assert event.decoded("DTEND").isoformat() == "2027-05-16"


def test_moving_a_published_event_keeps_its_uid_and_raises_its_sequence(client, seeded):
    from events.models import EventPage

    page = EventPage.objects.get(slug="peer-worker-network-meeting-july-2016")
    before = by_title(client.get(FEED))["Peer Worker Network Meeting (July)"]

    republish(page, summary="New words only.")  # not a change of time, place or status
    same = by_title(client.get(FEED))["Peer Worker Network Meeting (July)"]
    republish(page, start=london(2016, 7, 7, 13, 0), end=london(2016, 7, 7, 14, 30))
    moved = by_title(client.get(FEED))["Peer Worker Network Meeting (July)"]

    assert str(same["UID"]) == str(moved["UID"]) == str(before["UID"])
    assert int(same["SEQUENCE"]) == int(before["SEQUENCE"]) == 0
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART").astimezone(UTC) == utc(2016, 7, 7, 12, 0)


def test_uid_is_not_made_from_title_or_date(client, seeded):
    from events.models import EventPage

    page = EventPage.objects.get(slug="peer-support-network-meeting-july-2016")
    uid = str(by_title(client.get(FEED))["Peer Support Network Meeting"]["UID"])
    republish(page, title="Peer Support Network Meeting (summer)", start=london(2016, 7, 20, 10, 30),
              end=london(2016, 7, 20, 12, 0))

    assert str(by_title(client.get(FEED))["Peer Support Network Meeting (summer)"]["UID"]) == uid


def test_cancelled_event_stays_in_the_feed_marked_cancelled(client, seeded):
    from events.models import EventPage

    page = EventPage.objects.get(slug="peer-worker-network-meeting-june-2016")
    republish(page, status="cancelled")

    events = by_title(client.get(FEED))
    cancelled = events["Cancelled: Peer Worker Network Meeting (June)"]  # Google ignores STATUS alone

    assert cancelled["STATUS"] == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 1
    assert len(events) == 3


def test_conditional_requests_get_304_until_something_is_published(client, seeded):
    from events.models import EventPage

    first = client.get(FEED)
    again = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304 and not again.content
    assert since.status_code == 304

    republish(EventPage.objects.get(slug="peer-worker-network-meeting-june-2016"), venue_name="Room 2")
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Room 2" in changed.content.decode()


def test_unpublishing_changes_the_etag_and_drops_the_event(client, seeded):
    from events.models import EventPage

    first = client.get(FEED)
    EventPage.objects.get(slug="peer-worker-network-meeting-june-2016").unpublish()
    after = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert "Peer Worker Network Meeting (June)" not in vevents(after)


def test_renaming_an_audience_refreshes_feeds(client, seeded):
    from core.taxonomies import Audience

    everyone = client.get(FEED)
    for_them = client.get(FEED, {"audience": "peer-workers"})
    audience = Audience.objects.get(slug="peer-workers")
    audience.name = "Peer workers and volunteers"
    audience.save()  # as the snippet editor saves it

    after = client.get(FEED, HTTP_IF_NONE_MATCH=everyone["ETag"])
    assert after.status_code == 200
    categories = by_title(after)["Peer Worker Network Meeting (June)"]["CATEGORIES"]
    assert "Peer workers and volunteers" in [str(name) for name in categories.cats]
    theirs = client.get(FEED, {"audience": "peer-workers"}, HTTP_IF_NONE_MATCH=for_them["ETag"])
    assert theirs.status_code == 200
    assert "peer workers and volunteers" in str(icalendar.Calendar.from_ical(theirs.content)["X-WR-CALNAME"])


def test_audience_filter(client, seeded):
    for_organisations = client.get(FEED, {"audience": "organisations"})
    for_peer_workers = client.get(FEED, {"audience": "peer-workers"})

    assert set(vevents(for_organisations)) == {"Peer Support Network Meeting"}
    assert set(vevents(for_peer_workers)) == {"Peer Worker Network Meeting (June)", "Peer Worker Network Meeting (July)"}
    assert for_organisations["ETag"] != for_peer_workers["ETag"]
    assert "organisations" in str(icalendar.Calendar.from_ical(for_organisations.content)["X-WR-CALNAME"])


@pytest.mark.parametrize(
    "query, message",
    [
        ("?audience=nobody", "no audience called"),
        ("?audience=organisations&audience=peer-workers", "only once"),
        ("?audience=%00%ff", "no audience called"),
    ],
)
def test_bad_feed_queries_get_a_400_with_a_message(client, seeded, query, message):
    response = client.get(FEED + query)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_single_event_download(client, seeded):
    response = client.get("/events/peer-support-network-meeting-july-2016.ics")
    text = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "X-WR-CALNAME" not in text  # Outlook would make a new calendar from it
    events = vevents(response)
    assert list(events) == ["Peer Support Network Meeting"]
    assert events["Peer Support Network Meeting"].dtstart.value.astimezone(UTC) == utc(2016, 7, 13, 9, 30)
    assert client.get("/events/peer-support-network-meeting-july-2016.ics?fbclid=x1").content == response.content


def test_tbc_event_has_no_download(client, seeded):
    assert client.get("/events/peer-support-training.ics").status_code == 404
    assert client.get("/events/no-such-event.ics").status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_feed_queries_do_not_grow_with_events(client, seeded, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(FEED)  # serialise and store the seed events' VEVENTs
    with CaptureQueriesContext(connection) as few:
        client.get(FEED)
    for n in range(8):
        add_event(f"Extra event {n}", start=london(2027, 2, n + 1, 18), end=london(2027, 2, n + 1, 19),
                  audiences=["peer-workers"], repeat="weekly" if n % 2 else "")
    client.get(FEED)
    with CaptureQueriesContext(connection) as many:
        response = client.get(FEED)

    assert len(vevents(response)) == 11
    assert len(many) == len(few)
