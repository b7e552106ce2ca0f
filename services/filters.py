"""The directory's filters: a plain GET form read by hand, so that a value we do
not recognise is left out with a message instead of failing the whole search."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from core.pagination import paginate
from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

from .terms import CARD_RELATIONS, attach_terms


@dataclass
class Facet:
    name: str  # the GET parameter
    label: str
    model: type
    relation: str  # the service page's link relation
    help: str = ""
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)

    def link_model(self, page_model):
        return page_model._meta.get_field(self.relation).related_model

    def matching_terms(self, term):
        """The terms a chosen term matches. An area also matches the wider areas
        that include it: London-wide and national services reach every borough."""
        if self.model is not Area or term.scope == Area.NATIONAL:
            return [term]
        wider = {Area.BOROUGH: [Area.LONDON, Area.NATIONAL], Area.LONDON: [Area.NATIONAL]}[term.scope]
        return [term] + [option for option in self.options if option.scope in wider]


def sorted_terms(model):
    terms = list(model.objects.all())
    if model is PeerSupportType:  # the typology's parts in the newsletter's order
        rank = {value: n for n, (value, _) in enumerate(PeerSupportType.GROUP_CHOICES)}
        terms.sort(key=lambda term: (rank.get(term.group, 99), term.sort_order, term.name))
    return terms


def make_facets():
    return [
        Facet("audience", "Who it is for", Audience, "audience_links"),
        Facet("topic", "Topic", Topic, "topic_links"),
        Facet("type", "Type of peer support", PeerSupportType, "peer_support_type_links"),
        Facet("delivery", "How it is delivered", DeliveryMethod, "delivery_links"),
        Facet("area", "Area", Area, "area_links", help="Includes London-wide and national services."),
    ]


class ServiceFilters:
    """Reads the filters from the query string; every filter narrows the results (AND)."""

    MAX_SHOWN_VALUE = 40

    def __init__(self, params):
        self.facets = make_facets()
        self.messages = []
        for facet in self.facets:
            facet.options = sorted_terms(facet.model)
            self._read(facet, params.getlist(facet.name))

    def _read(self, facet, values):
        by_slug = {term.slug: term for term in facet.options}
        for value in dict.fromkeys(v.strip() for v in values if v.strip()):  # unique, in order
            if value in by_slug:
                facet.selected.append(by_slug[value])
            else:
                shown = value[: self.MAX_SHOWN_VALUE] + ("…" if len(value) > self.MAX_SHOWN_VALUE else "")
                self.messages.append(
                    f"We do not have “{shown}” under “{facet.label}”, so we left that filter out. "
                    "Choose from the list instead."
                )

    @property
    def active(self):
        """(facet, term, removal link) for each filter in use."""
        pairs = self._pairs()
        return [
            (facet, term, "?" + urlencode([p for p in pairs if p != (facet.name, term.slug)]))
            for facet in self.facets
            for term in facet.selected
        ]

    def _pairs(self):
        return [(facet.name, term.slug) for facet in self.facets for term in facet.selected]

    @property
    def query_string(self):
        """The recognised filters, for pagination links."""
        return urlencode(self._pairs())

    def narrow(self, services):
        """`services` (service pages) with the chosen filters applied."""
        for facet in self.facets:
            links = facet.link_model(services.model).objects
            for term in facet.selected:
                matching = links.filter(term__in=facet.matching_terms(term)).values("page_id")
                services = services.filter(pk__in=matching)
        return services

    def paginate(self, request, services, per_page):
        page = paginate(request, self.narrow(services), per_page)
        page.object_list = attach_terms(page.object_list, CARD_RELATIONS)
        return page
