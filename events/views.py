"""Event listings (served by EventIndexPage's routes) and the iCalendar feeds."""

import hashlib
import re
from urllib.parse import urlencode

from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from core.pagination import paginate
from core.taxonomies import Audience

from . import ical, queries
from .models import EventIndexPage

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
FEED_VERSION = "1"  # bump when the feed's format changes, so cached copies refresh


class BadQuery(ValueError):
    """A query string we cannot act on; its message is shown to the reader."""


def check_params(request, used):
    """Parameters this address uses must be given once. Any others (fbclid, utm_source,
    gclid... added by Facebook, Google and our own newsletter) are ignored."""
    for name in used:
        if len(request.GET.getlist(name)) > 1:
            raise BadQuery(f"Give '{name}' only once.")


def parse_audience(request):
    """The Audience named by ?audience=<slug>, None for everyone, or BadQuery."""
    slug = request.GET.get("audience", "").strip()
    if not slug:
        return None
    # Check the shape first: PostgreSQL rejects some bytes (NUL) outright.
    audience = Audience.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if audience is None:
        raise BadQuery(f"There is no audience called '{slug[:60]}'. Choose one from the list.")
    return audience


# --- listings -----------------------------------------------------------------


def _listing_context(page, request, audience, error=None):
    context = page.get_context(request)
    context.update(
        audience=audience,
        **feed_urls(request, audience),
        audience_query=urlencode({"audience": audience.slug}) if audience else "",
        audiences=Audience.objects.filter(events__live=True).distinct().order_by("name"),
        error=error,
    )
    return context


def _bad_listing(page, request, template, error):
    context = _listing_context(page, request, None, error)
    context.update(occurrences=[], tbc=[], events=None)
    return TemplateResponse(request, template, context, status=400)


# One page of the listing shows this many dates; "Later dates" goes on from there. Finding
# page N reads N pages' worth of events, so page numbers stop at MAX_UPCOMING_PAGES.
UPCOMING_PER_PAGE = 20
MAX_UPCOMING_PAGES = 50
TBC_SHOWN = 20  # events with no date yet, listed on the first page


def upcoming_page_number(request):
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isdigit() else 0
    if not 1 <= number <= MAX_UPCOMING_PAGES:
        raise Http404(f"There is no page {raw[:20]!r} of these events.")
    return number


def upcoming_listing(page, request):
    template = "events/event_index_page.html"
    try:
        check_params(request, ["audience", "page"])
        audience = parse_audience(request)
    except BadQuery as error:
        return _bad_listing(page, request, template, str(error))
    number = upcoming_page_number(request)
    shown_up_to = number * UPCOMING_PER_PAGE
    # One more than this page needs, to know whether there is a next page.
    occurrences, tbc = queries.upcoming_and_tbc(audience, limit=shown_up_to + 1, tbc_limit=TBC_SHOWN + 1)
    if number > 1 and len(occurrences) <= shown_up_to - UPCOMING_PER_PAGE:
        raise Http404(f"There is no page {number} of these events.")
    tbc = tbc if number == 1 else []
    context = _listing_context(page, request, audience)
    context.update(
        occurrences=occurrences[shown_up_to - UPCOMING_PER_PAGE : shown_up_to],
        page_number=number,
        previous_page=number - 1,
        next_page=number + 1 if len(occurrences) > shown_up_to and number < MAX_UPCOMING_PAGES else None,
        tbc=tbc[:TBC_SHOWN],
        more_tbc=len(tbc) > TBC_SHOWN,
    )
    return TemplateResponse(request, template, context)


def past_listing(page, request):
    template = "events/event_past_page.html"
    try:
        check_params(request, ["audience", "page"])
        audience = parse_audience(request)
    except BadQuery as error:
        return _bad_listing(page, request, template, str(error))
    context = _listing_context(page, request, audience)
    context["events"] = paginate(request, queries.past_events(audience), page.past_per_page)
    return TemplateResponse(request, template, context)


# --- feeds --------------------------------------------------------------------


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
    events = queries.feed_events(audience)
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


def feed_urls(request, audience=None):
    """The subscription addresses: https for copying, webcal:// to open a calendar app."""
    url = request.build_absolute_uri(reverse("events_feed"))
    if audience:
        url += "?" + urlencode({"audience": audience.slug})
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


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
        queries.feed_events().child_of(index).select_related("feed_state").prefetch_related("audiences", "excluded_dates"),
        slug=slug,
    )
    url = event.get_full_url(request)
    etag = quote_etag(hashlib.sha256(f"{FEED_VERSION}|{event.pk}|{event.last_published_at}".encode()).hexdigest()[:32])
    response = _conditional(request, etag, event.last_published_at, lambda: ical.single_event_bytes(event, url))
    if response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response
