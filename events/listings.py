"""The events page and past events (served by EventIndexPage's routes), and what they share
with the calendar feeds: reading the query string and the feeds' addresses.

It imports no model: the routes hand it the events to list, so events.models can use it
without an import loop."""

import re
from urllib.parse import urlencode

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from core.pagination import paginate
from core.taxonomies import Audience

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


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


def _listing_audience(request):
    """(the audience asked for, None), or (None, what is wrong with the query string)."""
    try:
        check_params(request, ["audience", "page"])
        return parse_audience(request), None
    except BadQuery as error:
        return None, str(error)


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


def upcoming_listing(page, request, events):
    """The events page: the next dates of `events` (an EventPage queryset), a page at a time."""
    template = "events/event_index_page.html"
    audience, error = _listing_audience(request)
    if error:
        return _bad_listing(page, request, template, error)
    number = upcoming_page_number(request)
    shown_up_to = number * UPCOMING_PER_PAGE
    # One more than this page needs, to know whether there is a next page.
    occurrences, tbc = events.upcoming_and_tbc(audience, limit=shown_up_to + 1, tbc_limit=TBC_SHOWN + 1)
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


def past_listing(page, request, events):
    """Events that have ended, latest first, a page at a time."""
    template = "events/event_past_page.html"
    audience, error = _listing_audience(request)
    if error:
        return _bad_listing(page, request, template, error)
    context = _listing_context(page, request, audience)
    context["events"] = paginate(request, events.past(audience), page.past_per_page)
    return TemplateResponse(request, template, context)


def feed_urls(request, audience=None):
    """The subscription addresses: https for copying, webcal:// to open a calendar app."""
    url = request.build_absolute_uri(reverse("events_feed"))
    if audience:
        url += "?" + urlencode({"audience": audience.slug})
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}
