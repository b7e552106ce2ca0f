"""The read-only Open Referral UK (HSDS 3.0) API: no key, open to any origin.

Errors are JSON too: 404 for an unknown id or a page past the end, 400 for a
parameter we cannot read, each with a message saying what to send instead.
"""

import datetime
import json
import logging
import math
import uuid
from functools import wraps
from pathlib import Path

from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from . import hsds
from .models import ServicePage
from .queries import live_services, with_terms

logger = logging.getLogger(__name__)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
OPENAPI_FILE = Path(__file__).parent / "openreferral" / "openapi.json"


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


SAFE_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "86400",
}


def api_view(view):
    """GET/HEAD read; OPTIONS answers a CORS preflight; anything else is a JSON 405.
    Every answer, errors included, is JSON and open to any origin (the data is public)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = "GET, HEAD, OPTIONS"
            elif request.method not in SAFE_METHODS:
                raise ApiError(405, "This API is read-only: use GET.")
            else:
                response = JsonResponse(view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False})
        except ApiError as error:
            response = json_error(error.status, str(error))
        except Exception:
            logger.exception("Open Referral API error on %s", request.path)
            response = json_error(500, "Something went wrong on our side. Please try again later.")
        if response.status_code == 405:
            response["Allow"] = "GET, HEAD, OPTIONS"
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response

    return wrapper


def json_error(status, message):
    return JsonResponse({"status": status, "message": message}, status=status)


@api_view
def not_found(request, *args, **kwargs):
    """Any other address under the API: a JSON 404, like the rest of it."""
    raise ApiError(404, "There is nothing at this address. See openapi.json for what this API offers.")


# --- Parameters -----------------------------------------------------------------------


def text_param(request, name):
    """A free-text parameter. A NUL byte cannot be stored or searched (PostgreSQL
    refuses it outright): say so rather than fail."""
    value = request.GET.get(name, "").strip()
    if "\x00" in value:
        raise ApiError(400, f"'{name}' must be plain text: it contains a NUL (zero) character.")
    return value


def int_param(request, name, default, maximum=None):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"'{name}' must be a whole number, like {name}=1.") from None
    if value < 1 or (maximum and value > maximum):
        limit = f"between 1 and {maximum}" if maximum else "1 or more"
        raise ApiError(400, f"'{name}' must be {limit}; it was {value}.")
    return value


def uuid_param(request, name):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(400, f"'{name}' must be an id (a UUID) from this API.") from None


def datetime_param(request, name):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)):
            value = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:  # well-formed but impossible, e.g. 2016-13-45
        value = None
    if value is None:
        raise ApiError(400, f"'{name}' must be a date or a date and time, like 2016-06-01 or 2016-06-01T09:00:00Z.")
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def page_of(request, items, count, serialise):
    """The HSDS Page object for one page of `items` (a sliceable of `count` items)."""
    per_page = int_param(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    number = int_param(request, "page", 1)
    total_pages = max(1, math.ceil(count / per_page))
    if number > total_pages:
        raise ApiError(404, f"There is no page {number}: the last page is {total_pages}.")
    start = (number - 1) * per_page
    contents = [serialise(item) for item in items[start:start + per_page]]
    return {
        "total_items": count,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number == total_pages,
        "empty": count == 0,
        "contents": contents,
    }


def parse_id(raw, kind):
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(404, f"There is no {kind} with the id '{raw[:60]}'.") from None


# --- Views ----------------------------------------------------------------------------


@api_view
def api_root(request):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": hsds.PROFILE_URL,
        "openapi_url": hsds.absolute(request, "openreferral:openapi"),
    }


@api_view
def openapi(request):
    """The HSDS 3.0 OpenAPI description, with our details in place of its placeholders."""
    spec = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    spec["info"] = {
        "title": "#PeerTalk services directory (Open Referral UK)",
        "version": "1.0",
        "description": "Local peer support services listed by the Side by Side programme at Kensington and "
        "Chelsea Mind, published under HSDS 3.0. Read-only, no key needed.",
        "license": {"name": "CC BY-SA 4.0 (the HSDS specification)", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
    }
    spec["servers"] = [{"url": hsds.absolute(request, "openreferral:root").rstrip("/")}]
    return spec


def filtered_services(request):
    services = live_services().defer_streamfields().order_by("title", "pk")
    for word in text_param(request, "search").split()[:10]:
        services = services.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(organisation_name__icontains=word)
        )
    if term_id := uuid_param(request, "taxonomy_term_id"):
        services = services.filter(services_linked(term__uuid=term_id))
    if taxonomy_id := uuid_param(request, "taxonomy_id"):
        taxonomies = [t for t in hsds.TAXONOMIES if t.id == str(taxonomy_id)]
        services = services.filter(services_linked(taxonomies=taxonomies)) if taxonomies else services.none()
    if modified_after := datetime_param(request, "modified_after"):
        services = services.filter(last_published_at__gte=modified_after)
    return services


def services_linked(taxonomies=hsds.TAXONOMIES, **term_filter):
    """Q: the service links to a term (matching term_filter) in any of these taxonomies."""
    condition = Q(pk__in=[])
    for taxonomy in taxonomies:
        link_model = ServicePage._meta.get_field(taxonomy.relation).related_model
        condition |= Q(pk__in=link_model.objects.filter(**term_filter).values("page_id"))
    return condition


@api_view
def services(request):
    services = filtered_services(request)
    return page_of(request, services, services.count(), lambda service: hsds.service_json(service, request))


@api_view
def service_detail(request, service_id):
    found = with_terms(live_services(), locations=True).filter(uuid=parse_id(service_id, "service")).first()
    if found is None:
        raise ApiError(404, f"There is no service with the id '{service_id}'.")
    return hsds.full_service_json(found, request)


@api_view
def taxonomies(request):
    return page_of(request, hsds.TAXONOMIES, len(hsds.TAXONOMIES), lambda t: hsds.taxonomy_json(t, request))


@api_view
def taxonomy_detail(request, taxonomy_id):
    parse_id(taxonomy_id, "taxonomy")
    for taxonomy in hsds.TAXONOMIES:
        if taxonomy.id == taxonomy_id.lower():
            return hsds.taxonomy_json(taxonomy, request)
    raise ApiError(404, f"There is no taxonomy with the id '{taxonomy_id}'.")


@api_view
def taxonomy_terms(request):
    taxonomy_id = uuid_param(request, "taxonomy_id")
    search = text_param(request, "search")
    terms = []
    for taxonomy in hsds.TAXONOMIES:
        if taxonomy_id and taxonomy.id != str(taxonomy_id):
            continue
        queryset = taxonomy.model.objects.all()
        if search:
            queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
        terms.extend(queryset)
    return page_of(request, terms, len(terms), lambda term: hsds.term_json(term, request))


@api_view
def taxonomy_term_detail(request, term_id):
    term_uuid = parse_id(term_id, "taxonomy term")
    for taxonomy in hsds.TAXONOMIES:
        term = taxonomy.model.objects.filter(uuid=term_uuid).first()
        if term:
            return hsds.term_json(term, request)
    raise ApiError(404, f"There is no taxonomy term with the id '{term_id}'.")
