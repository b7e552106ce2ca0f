"""The iCalendar feeds: every event (/events/feed.ics) and one event (/events/<slug>.ics).
The listings are EventIndexPage's routes (events.listings)."""

import hashlib

from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from core.taxonomies import Audience

from . import ical
from .listings import BadQuery, check_params, parse_audience
from .models import EventIndexPage, EventPage
from .querysets import EVENT_RELATIONS

FEED_VERSION = "1"  # bump when the feed's format changes, so cached copies refresh


def _index(request):
    index = EventIndexPage.objects.live().public().first()
    if index is None:
        raise Http404("There is no events section yet.")
    return index


def _conditional(request, etag, last_modified, build):
    """Answer 304 when the client's copy is current; otherwise build the body."""
    stamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=stamp)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(build(), content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=int(ical.REFRESH.total_seconds()) // 4)
    return response


def feed(request):
    """/events/feed.ics, optionally ?audience=<slug>: every dated event."""
    try:
        check_params(request, ["audience"])
        audience = parse_audience(request)
    except BadQuery as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    index = _index(request)
    events = EventPage.objects.for_feeds(audience)
    # One cheap query decides 304s; publishing, unpublishing or deleting changes it.
    state = events.order_by().aggregate(count=Count("pk"), latest=Max("last_published_at"))
    last_modified = max(filter(None, [state["latest"], index.last_published_at]), default=None)
    # Audience names are in every feed (CATEGORIES, the calendar's name): renaming one is a change too.
    names = "|".join(Audience.objects.order_by("pk").values_list("name", flat=True))
    key = f"{FEED_VERSION}|{audience.slug if audience else ''}|{state['count']}|{last_modified}|{index.title}|{names}"
    etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
    name, description = feed_title(index, audience)
    return _conditional(
        request, etag, last_modified,
        lambda: ical.feed_bytes(events, index.get_full_url(request), name, description),
    )


def feed_title(index, audience):
    name = "#PeerTalk events"
    description = "Dates for the diary from the Side by Side peer support programme at Kensington and Chelsea Mind."
    if audience:
        name = f"{name} for {audience.name.lower()}"
        description = f"{description} Only events for {audience.name.lower()}."
    return name, description


def event_ics(request, slug):
    """/events/<slug>.ics: one event, to add to a calendar once. It takes no options;
    parameters added by links (tracking and the like) are ignored."""
    index = _index(request)
    event = get_object_or_404(
        EventPage.objects.child_of(index).for_feeds().select_related("feed_state").prefetch_related(*EVENT_RELATIONS),
        slug=slug,
    )
    url = event.get_full_url(request)
    etag = quote_etag(hashlib.sha256(f"{FEED_VERSION}|{event.pk}|{event.last_published_at}".encode()).hexdigest()[:32])
    response = _conditional(request, etag, event.last_published_at, lambda: ical.single_event_bytes(event, url))
    if response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response
