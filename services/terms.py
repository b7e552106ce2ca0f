"""Each service's taxonomy terms (audiences, areas...) read in ONE query for a whole list of
services: a UNION ALL of the link tables joined to their terms, rather than one query per
taxonomy. ServicePage reads its own terms through it when nothing was prefetched, so this
module takes the page model from the services it is given and imports no model itself."""

import functools

from django.db.models import CharField, F, IntegerField, Value

from core.compiled import CompiledQuery

# Each link relation of a service and the property listing its terms (see ServicePage._terms).
TERM_PROPERTIES = {
    "audience_links": "audiences",
    "topic_links": "topics",
    "peer_support_type_links": "peer_support_types",
    "delivery_links": "delivery_methods",
    "area_links": "areas",
}
# The link relations on ServicePage.
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
    page_model = type(services[0])
    rows = sorted(_links_with_terms(page_model, tuple(relations))(ids), key=lambda row: row[:4])
    found = {(service.pk, relation): [] for service in services for relation in relations}
    terms = {}  # (kind, term id): one instance per term, shared by the services that list it
    for kind, page_id, _order, _pk, *term_values in rows:
        term = terms.get((kind, term_values[0]))
        if term is None:
            term = terms[kind, term_values[0]] = _term(page_model, relations[kind], term_values)
        found[(page_id, relations[kind])].append(term)
    for service in services:
        for relation in relations:
            service.__dict__[TERM_PROPERTIES[relation]] = found[(service.pk, relation)]
    return services


def _term(page_model, relation, values):
    """A term of `relation` from its TERM_COLUMNS values (built once per term and list: a
    list of 18 services names about 80 terms, a handful of them distinct)."""
    term_model, fields = _term_fields(page_model, relation)
    term = term_model(**{name: value for name, value in zip(TERM_COLUMNS, values) if name in fields})
    term._state.adding, term._state.db = False, "default"
    return term


@functools.cache
def _term_fields(page_model, relation):
    """The term model of a link relation and the names of its columns."""
    term_model = page_model._meta.get_field(relation).related_model._meta.get_field("term").related_model
    return term_model, {field.name for field in term_model._meta.concrete_fields}


@functools.lru_cache(maxsize=32)
def _links_with_terms(page_model, relations):
    """The UNION of each relation's links of some services, with their terms: compiled once
    per process and number of services (see core.compiled; it cost 1-1.5 ms a list)."""
    def build(ids):
        parts = [_all_links_with_terms(page_model, n, relation).filter(page_id__in=ids)
                 for n, relation in enumerate(relations)]
        return parts[0].union(*parts[1:], all=True)

    return CompiledQuery(build)


@functools.cache
def _all_links_with_terms(page_model, kind, relation):
    """Every link of this relation with its term's columns: built once per process (resolving
    the eight columns cost about 1.4 ms a relation); each use adds its services' ids."""
    link_model = page_model._meta.get_field(relation).related_model
    term_fields = {field.name for field in link_model._meta.get_field("term").related_model._meta.concrete_fields}
    columns = {f"t_{name}": F(f"term__{name}") if name in term_fields else blank for name, blank in TERM_COLUMNS.items()}
    return (
        link_model.objects.annotate(kind=Value(kind, output_field=IntegerField()), **columns)
        .values_list("kind", "page_id", "sort_order", "pk", *columns)
        .order_by()
    )
