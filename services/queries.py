"""Queries for service pages, shared by the index, the listing block and the API.

Every listing goes through `with_terms`, so a page of services costs the same
handful of queries however many services there are.
"""

from django.db.models import Prefetch

from core.pages import listable, listed

from .models import ServiceLocation, ServicePage
from .terms import TERM_RELATIONS, attach_terms

# What a service card shows.
CARD_RELATIONS = ["audience_links", "delivery_links", "area_links"]


def with_terms(queryset, relations=TERM_RELATIONS, locations=False):
    """Prefetch each service's taxonomy terms (and, for the API, its locations)."""
    # One query per relation: the links with their terms joined.
    lookups = [
        Prefetch(relation, queryset=ServicePage._meta.get_field(relation).related_model.objects.select_related("term"))
        for relation in relations
    ]
    if locations:
        lookups.append(Prefetch("locations", queryset=ServiceLocation.objects.order_by("sort_order", "pk")))
    return queryset.prefetch_related(*lookups)


def live_services():
    return ServicePage.objects.live().public()


def listed_services():
    """Live services for cards: light (no StreamField, no image: cards show none), in name
    order. Pass what is shown through attach_terms(services, CARD_RELATIONS) for the terms
    the cards show."""
    return listed(live_services()).order_by("title", "pk")


def services_for_block(value):
    """The services a ServiceListBlock shows: the ones picked, in order, else a filtered list."""
    chosen = [page for page in (value.get("services") or []) if page is not None]
    if chosen:  # loaded already, as cards show them (core.blocks.CardPageChooserBlock)
        return attach_terms(listable(chosen, ServicePage), CARD_RELATIONS)
    services = listed_services()
    if value.get("audience"):
        services = services.filter(audience_links__term=value["audience"])
    if value.get("topic"):
        services = services.filter(topic_links__term=value["topic"])
    return attach_terms(services[: value.get("limit") or 20], CARD_RELATIONS)
