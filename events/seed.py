"""The seed issue's "Dates for the diary" as event pages.

Dates and times are the newsletter's own (its diary starts in June 2016); the
issue's section then lists these pages, so there is one source of truth.
"""

from datetime import datetime

from core.seed import get_or_publish, seed_uuid
from core.taxonomies import Audience

from .models import EventIndexPage, EventPage
from .recurrence import LONDON

EMAIL = "zoe.copeland@kcmind.org.uk"
MIND_ROOM = {"venue_name": "K&C Mind Meeting Room"}
PEER_WORKERS = "Peer workers (paid or voluntary) in Kensington and Chelsea and/or Queen's Park and Paddington."

EVENTS = [
    dict(
        slug="peer-worker-network-meeting-june-2016",
        title="Peer Worker Network Meeting (June)",
        summary="The network meeting for peer workers: share practice, news and support. " + PEER_WORKERS,
        start=(2016, 6, 8, 14, 0), end=(2016, 6, 8, 15, 30), audiences=["peer-workers"],
        register_email=EMAIL, **MIND_ROOM,
    ),
    dict(
        slug="peer-worker-network-meeting-july-2016",
        title="Peer Worker Network Meeting (July)",
        summary="The network meeting for peer workers: share practice, news and support. " + PEER_WORKERS,
        start=(2016, 7, 7, 11, 0), end=(2016, 7, 7, 12, 30), audiences=["peer-workers"],
        register_email=EMAIL, **MIND_ROOM,
    ),
    dict(
        slug="peer-support-network-meeting-july-2016",
        title="Peer Support Network Meeting",
        summary="For local organisations offering, or wanting to offer, peer support in Kensington and Chelsea "
        "and Queen's Park and Paddington.",
        start=(2016, 7, 13, 10, 30), end=(2016, 7, 13, 12, 0), audiences=["organisations"],
        venue_name="Pain Quotidien", address="15–17 Exhibition Road", postcode="SW7 2HE",
        register_email=EMAIL, register_instructions=f"Email {EMAIL} to reserve your space.",
    ),
    dict(
        slug="peer-support-training",
        title="Peer Support Training",
        summary="Training in peer support for individuals with personal experience of mental health "
        "difficulties or emotional distress.",
        date_tbc=True, audiences=["people-with-lived-experience"], venue_name="Kensington and Chelsea Mind",
        register_email=EMAIL, register_instructions=f"Email {EMAIL} to join the waiting list.", waiting_list=True,
    ),
]


def london(parts):
    return datetime(*parts, tzinfo=LONDON) if parts else None


def ensure_index(home):
    index, _ = get_or_publish(
        home,
        EventIndexPage,
        "events",
        title="Dates for the diary",
        show_in_menus=True,
        introduction="Meetings, training and network events from the Side by Side peer support programme. "
        "Add them to your calendar, or subscribe so changes reach you by themselves.",
    )
    return index


def load(home):
    index = ensure_index(home)
    for spec in EVENTS:
        spec = dict(spec)
        audiences = Audience.objects.filter(slug__in=spec.pop("audiences"))
        spec["start"], spec["end"] = london(spec.pop("start", None)), london(spec.pop("end", None))
        slug = spec.pop("slug")
        if EventPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = EventPage(slug=slug, ical_uid=seed_uuid("EventPage", slug), **spec)
        page.audiences.set(audiences)
        index.add_child(instance=page)
        page.save_revision().publish()


def diary_section(blocks):
    """The section's table becomes a list read from the seeded event pages."""
    events = list(EventPage.objects.filter(slug__in=[spec["slug"] for spec in EVENTS]))
    order = {spec["slug"]: n for n, spec in enumerate(EVENTS)}
    events.sort(key=lambda page: order[page.slug])
    return [("event_list", {"heading": "", "events": events, "limit": len(events)})]
