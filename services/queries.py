"""Queries for service pages, shared by the index, the listing block and the API.

Every listing goes through `with_terms`, so a page of services costs the same
handful of queries however many services there are.
"""

from django.db.models import CharField, F, IntegerField, Prefetch, Value

from core.pages import listable

from .models import TERM_PROPERTIES, ServiceLocation, ServicePage

# The link relations on ServicePage, each prefetched with its term.
TERM_RELATIONS = list(TERM_PROPERTIES)
# What a service card shows.
CARD_RELATIONS = ["audience_links", "delivery_links", "area_links"]
# Every taxonomy's columns; a taxonomy without one reads a blank in the UNION below.
TERM_COLUMNS = {"id": None, "uuid": None, "name": None, "slug": None, "description": None,
                "group": Value("", output_field=CharField()), "sort_order": Value(0, output_field=IntegerField()),
                "scope": Value("", output_field=CharField())}


def attach_terms(services, relations=TERM_RELATIONS):
    """Fill in each service's term lists (service.audiences, .areas...) from ONE query, a
    UNION ALL of the link tables joined to their terms, rather than one query per taxonomy.
    Returns the services as a list."""
    services = list(services)
    ids = [service.pk for service in services]
    if not ids:
        return services
    parts = [_links_with_terms(n, relation, ids) for n, relation in enumerate(relations)]
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda row: row[:4])
    found = {(service.pk, relation): [] for service in services for relation in relations}
    for kind, page_id, _order, _pk, *term_values in rows:
        relation = relations[kind]
        term_model = ServicePage._meta.get_field(relation).related_model._meta.get_field("term").related_model
        fields = {field.name for field in term_model._meta.concrete_fields}
        term = term_model(**{name: value for name, value in zip(TERM_COLUMNS, term_values) if name in fields})
        term._state.adding, term._state.db = False, "default"
        found[(page_id, relation)].append(term)
    for service in services:
        for relation in relations:
            service.__dict__[TERM_PROPERTIES[relation]] = found[(service.pk, relation)]
    return services


def _links_with_terms(kind, relation, ids):
    link_model = ServicePage._meta.get_field(relation).related_model
    term_fields = {field.name for field in link_model._meta.get_field("term").related_model._meta.concrete_fields}
    columns = {f"t_{name}": F(f"term__{name}") if name in term_fields else blank for name, blank in TERM_COLUMNS.items()}
    return (
        link_model.objects.filter(page_id__in=ids)
        .annotate(kind=Value(kind, output_field=IntegerField()), **columns)
        .values_list("kind", "page_id", "sort_order", "pk", *columns)
        .order_by()
    )


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
    """Live services for cards: light (no StreamField), in name order. Pass what is shown
    through attach_terms(services, CARD_RELATIONS) for the terms the cards show."""
    return live_services().defer_streamfields().select_related("listing_image").order_by("title", "pk")


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
