"""Event pages, listings, the seed issue's diary and the editors' menu, as people meet them."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from tests.conftest import soup

from .helpers import LONDON, add_event, london, republish


class TestPageTree(WagtailPageTestCase):
    def test_where_event_pages_go(self):
        from events.models import EventIndexPage, EventPage
        from home.models import HomePage, StandardPage

        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        # Directly under the home page, never deeper (it cannot name home.HomePage: see core.SectionIndexPage).
        self.assertTrue(EventIndexPage.can_exist_under(HomePage.objects.get()))
        self.assertFalse(EventIndexPage.can_exist_under(StandardPage.objects.first()))
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventPage)


def soon(days, hour=18):
    """A London time `days` from now, on the hour."""
    day = (timezone.now() + timedelta(days=days)).astimezone(LONDON).date()
    return london(day.year, day.month, day.day, hour)


def test_seed_issue_lists_the_diary_from_the_event_pages(client, seed_issue):
    page = soup(client.get(seed_issue.url))
    section = page.find(id="dates-for-the-diary")
    cards = section.select(".event-card")
    text = section.get_text(" ", strip=True)

    # The section's heading is h2 and the list has none of its own, so each card is an h3.
    assert [card.h3.get_text(strip=True) for card in cards] == [
        "Peer Worker Network Meeting (June)",
        "Peer Worker Network Meeting (July)",
        "Peer Support Network Meeting",
        "Peer Support Training",
    ]
    assert "Wednesday 8 June 2016, 2pm to 3.30pm" in text
    assert "Thursday 7 July 2016, 11am to 12.30pm" in text
    assert "Wednesday 13 July 2016, 10.30am to 12 noon" in text
    assert "Date to be confirmed" in text
    assert "waiting list" in text
    assert cards[0].find("a")["href"] == "/events/peer-worker-network-meeting-june-2016/"


def test_diary_block_follows_the_event_pages(client, seed_issue):
    from events.models import EventPage

    republish(EventPage.objects.get(slug="peer-support-training"), title="Peer Support Training (autumn)")
    text = soup(client.get(seed_issue.url)).find(id="dates-for-the-diary").get_text(" ", strip=True)
    assert "Peer Support Training (autumn)" in text


def test_listing_groups_upcoming_tbc_and_labels_status(client, seeded):
    add_event("Walk and talk", start=soon(20), end=soon(20, 19), audiences=["peer-workers"])
    add_event("Drop-in", start=soon(3), end=soon(3, 19), status="cancelled")
    add_event("Peer coffee", start=soon(2, 10), end=soon(2, 11), repeat="weekly", repeat_count=3)
    add_event("Open forum", start=soon(5), end=soon(5, 20), status="postponed")

    page = soup(client.get("/events/"))
    upcoming = page.find(id="upcoming-heading").find_parent("section")
    titles = [card.h3.get_text(strip=True) for card in upcoming.select(".event-card")]
    tbc = page.find(id="tbc-heading").find_parent("section").get_text(" ", strip=True)

    assert titles == ["Peer coffee", "Cancelled: Drop-in", "Open forum", "Peer coffee", "Peer coffee", "Walk and talk"]
    assert "Postponed" in upcoming.select(".event-card")[2].get_text()
    assert "Peer Support Training" in tbc and "Peer Support Training" not in upcoming.get_text()
    assert "Peer Worker Network Meeting" not in upcoming.get_text()  # 2016: in the archive


def test_listing_filters_by_audience_without_javascript(client, seeded):
    add_event("Walk and talk", start=soon(20), end=soon(20, 19), audiences=["peer-workers"])
    add_event("Forum for groups", start=soon(21), end=soon(21, 19), audiences=["organisations"])

    page = soup(client.get("/events/", {"audience": "organisations"}))
    form = page.find("form", class_="filters")

    assert form["method"] == "get"
    assert page.find("label", attrs={"for": "audience"})
    assert [c.h3.get_text(strip=True) for c in page.select(".event-card")] == ["Forum for groups"]
    assert page.find("option", selected=True)["value"] == "organisations"
    assert "audience=organisations" in page.find(id="feed-url")["value"]


def test_bad_listing_filter_is_a_400_with_a_message(client, seeded):
    from bs4 import BeautifulSoup

    response = client.get("/events/", {"audience": "martians"})
    page = BeautifulSoup(response.content, "html.parser")

    assert response.status_code == 400
    assert "There is no audience called 'martians'" in page.find(class_="error-summary").get_text()
    assert page.find(id="audience")["aria-invalid"] == "true"
    assert client.get("/events/past/", {"audience": "martians"}).status_code == 400


def test_past_archive_is_paginated(client, seeded):
    from events.models import EventIndexPage

    EventIndexPage.past_per_page, saved = 2, EventIndexPage.past_per_page
    try:
        first = soup(client.get("/events/past/"))
        second = soup(client.get("/events/past/", {"page": 2}))
        missing = client.get("/events/past/", {"page": 9})
    finally:
        EventIndexPage.past_per_page = saved

    assert [c.h3.get_text(strip=True) for c in first.select(".event-card")] == [
        "Peer Support Network Meeting",
        "Peer Worker Network Meeting (July)",
    ]
    assert [c.h3.get_text(strip=True) for c in second.select(".event-card")] == ["Peer Worker Network Meeting (June)"]
    assert missing.status_code == 404


def test_event_page_add_to_calendar_and_subscribe(client, seeded):
    page = soup(client.get("/events/peer-support-network-meeting-july-2016/"))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".event-add a")}

    assert links["Download for Apple Calendar, Outlook and others (.ics file)"] == \
        "/events/peer-support-network-meeting-july-2016.ics"
    google = links["Add to Google Calendar"]
    assert google.startswith("https://calendar.google.com/calendar/render?")
    assert "dates=20160713T093000Z%2F20160713T110000Z" in google
    assert links["Add to Outlook.com"].startswith("https://outlook.live.com/calendar/0/action/compose?")
    assert page.find("a", href="webcal://testserver/events/feed.ics")
    assert page.find(id="feed-url")["value"] == "http://testserver/events/feed.ics"
    assert "Google Calendar can take up to a day" in page.get_text()
    assert "Pain Quotidien" in page.get_text() and "SW7 2HE" in page.get_text()
    assert not page.select("[style]") and not page.select("[onclick]")


def test_event_page_json_ld(client, seeded):
    from events.models import EventPage

    republish(EventPage.objects.get(slug="peer-support-network-meeting-july-2016"), cost="£5", price="5.00",
              status="moved_online", online_url="https://example.org/meet")
    page = soup(client.get("/events/peer-support-network-meeting-july-2016/"))
    data = json.loads(page.find("script", type="application/ld+json").string)

    assert data["@type"] == "Event"
    assert data["startDate"] == "2016-07-13T10:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["url"] == "https://example.org/meet"
    assert data["organizer"]["name"] == "Kensington and Chelsea Mind"
    assert data["offers"]["price"] == "5.00" and data["offers"]["priceCurrency"] == "GBP"
    assert "Moved online" in page.find("main").get_text()


def test_tbc_event_page_offers_no_calendar_download(client, seeded):
    page = soup(client.get("/events/peer-support-training/"))

    assert "Date to be confirmed" in page.get_text()
    assert not page.select(".event-add")
    assert "startDate" not in page.find("script", type="application/ld+json").string


def test_recurring_event_page_lists_next_dates_in_local_time(client, seeded):
    add_event("Evening group", start=london(2027, 10, 20, 19, 0), end=london(2027, 10, 20, 20, 30),
              repeat="weekly", repeat_count=4)
    text = soup(client.get("/events/evening-group/")).get_text(" ", strip=True)

    assert "Every week on Wednesday, 4 times in all" in text
    assert "Wednesday 27 October 2027, 7pm to 8.30pm" in text
    assert "Wednesday 3 November 2027, 7pm to 8.30pm" in text


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"start": london(2027, 1, 2, 12), "end": london(2027, 1, 2, 11)}, "end"),
        ({"date_tbc": True, "start": london(2027, 1, 2, 12)}, "date_tbc"),
        ({"date_tbc": True, "repeat": "weekly"}, "repeat"),
        ({}, "start"),
        ({"start": london(2027, 1, 2, 12), "repeat": "weekly", "repeat_until": london(2026, 1, 1).date()},
         "repeat_until"),
    ],
)
def test_validation_messages(seeded, fields, field):
    from events.models import EventPage

    page = EventPage(title="Check", slug="check", summary="Check.", **fields)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert field in raised.value.message_dict
    assert raised.value.message_dict[field][0].endswith(".")


def test_editor_can_fix_a_bad_date_in_the_page_editor(admin_client, seeded):
    from events.models import EventIndexPage

    index = EventIndexPage.objects.get()
    response = admin_client.get(f"/admin/pages/add/events/eventpage/{index.pk}/")
    assert response.status_code == 200


@pytest.mark.usefixtures("no_page_cache")
def test_listing_queries_do_not_grow_with_events(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_event("First", start=soon(4), end=soon(4, 19), audiences=["peer-workers"])
    client.get("/events/")
    with CaptureQueriesContext(connection) as few:
        client.get("/events/")
    for n in range(6):
        add_event(f"More {n}", start=soon(5 + n), end=soon(5 + n, 19), audiences=["organisations"],
                  repeat="weekly" if n % 2 else "", repeat_count=3 if n % 2 else None)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/events/")

    assert len(soup(response).select(".event-card")) > 8
    assert len(many) == len(few)


def test_editors_events_menu(admin_client, seeded):
    add_event("Future meeting", start=soon(9), end=soon(9, 19), status="cancelled", audiences=["organisations"])

    tbc = soup(admin_client.get("/admin/events/eventpage/", {"when": "tbc"}))
    upcoming = soup(admin_client.get("/admin/events/eventpage/", {"when": "upcoming"})).get_text()
    past = soup(admin_client.get("/admin/events/eventpage/", {"when": "past"})).get_text()
    cancelled = soup(admin_client.get("/admin/events/eventpage/", {"status": "cancelled"})).get_text()
    found = soup(admin_client.get("/admin/events/eventpage/", {"q": "Network"})).get_text()

    assert "Peer Support Training" in tbc.get_text() and "Future meeting" not in tbc.get_text()
    assert tbc.find("a", href=lambda href: href and "/admin/pages/" in href and "/edit/" in href)
    assert "Future meeting" in upcoming and "Peer Worker Network Meeting" not in upcoming
    assert "Peer Worker Network Meeting (June)" in past
    assert "Future meeting" in cancelled and "Peer Support Training" not in cancelled
    assert "Peer Support Network Meeting" in found and "Peer Support Training" not in found


def test_demo_events(seeded):
    from django.core.management import call_command

    from events.models import EventPage

    call_command("generate_demo_content", events=30, stdout=open("/dev/null", "w"))
    demo = EventPage.objects.filter(slug__startswith="demo-event-")

    assert demo.count() == 30
    assert demo.exclude(repeat="").exists()
    assert demo.filter(status="cancelled").exists()
    assert demo.filter(all_day=True).exists()
    assert demo.filter(date_tbc=True).exists()
