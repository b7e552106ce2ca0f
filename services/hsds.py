"""Services and taxonomies as Open Referral UK / HSDS 3.0 objects.

Every id is a stable UUID: services, places and terms store theirs; the
organisation, each HSDS taxonomy and each nested object (phone, schedule,
attribute...) get one derived from a stable id, so they survive a rebuild.
Empty values are left out rather than sent as null: the schemas type each
field as a string.
"""

import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import slugify

from core.seed import seed_uuid
from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"

# Our status names to HSDS's: a closed service is "defunct" (it has stopped for good).
HSDS_STATUS = {"active": "active", "temporarily-closed": "temporarily closed", "closed": "defunct"}


@dataclass(frozen=True)
class Taxonomy:
    model: type
    link_type: str  # the attribute's link_type: what the term describes
    relation: str  # the ServicePage link relation
    name: str
    description: str

    @property
    def id(self):
        return str(seed_uuid("taxonomy", self.model.__name__))


TAXONOMIES = [
    Taxonomy(Audience, "audience", "audience_links", "#PeerTalk: who it is for",
             "The people a service is for: parents, bereaved parents, fathers and so on."),
    Taxonomy(Topic, "topic", "topic_links", "#PeerTalk: topics",
             "What a service is about, e.g. perinatal mental health or bereavement."),
    Taxonomy(PeerSupportType, "peer_support_type", "peer_support_type_links", "#PeerTalk: types of peer support",
             "The Side by Side newsletter's typology of peer support: its format, how a group is run, "
             "and what the peer worker does."),
    Taxonomy(DeliveryMethod, "delivery_channel", "delivery_links", "#PeerTalk: how it is delivered",
             "How people take part: face-to-face groups, helplines, online forums, social media, email, video."),
    Taxonomy(Area, "service_area", "area_links", "#PeerTalk: areas served",
             "The boroughs, London-wide or national areas a service covers."),
]
TAXONOMY_BY_MODEL = {taxonomy.model: taxonomy for taxonomy in TAXONOMIES}


def derived_id(parent_id, kind):
    """A stable id for a nested object, from its parent's id and what it is."""
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), kind))


def compact(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def absolute(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


# --- Taxonomies -----------------------------------------------------------------------


def taxonomy_json(taxonomy, request):
    return {
        "id": taxonomy.id,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": absolute(request, "openreferral:taxonomy", taxonomy.id),
        "version": "1",
    }


def term_json(term, request):
    taxonomy = TAXONOMY_BY_MODEL[type(term)]
    return compact({
        "id": str(term.uuid),
        "code": term.slug,
        "name": term.name,
        "description": term.description or term.name,
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "taxonomy_detail": taxonomy_json(taxonomy, request),
        "language": "en",
        "term_uri": absolute(request, "openreferral:taxonomy_term", str(term.uuid)),
    })


# --- Services -------------------------------------------------------------------------


def organisation_id(service):
    return str(seed_uuid("organisation", slugify(service.organisation_name)))


def organisation_json(service):
    return {
        "id": organisation_id(service),
        "name": service.organisation_name,
        "description": service.organisation_description or f"{service.organisation_name} runs {service.title}.",
    }


def service_json(service, request):
    """The service's one-to-one fields and its organisation (HSDS compiled/service_list)."""
    return compact({
        "id": str(service.uuid),
        "organization_id": organisation_id(service),
        "name": service.title,
        "description": service.summary,
        "url": service.website or service.get_full_url(request),
        "email": service.email,
        "status": HSDS_STATUS[service.status],
        "fees_description": service.cost,
        "assured_date": service.checked_on.isoformat() if service.checked_on else None,
        "last_modified": service.last_published_at.isoformat() if service.last_published_at else None,
        "organization": organisation_json(service),
    })


def full_service_json(service, request):
    """The fully nested service for /services/{id} (HSDS service.json)."""
    data = service_json(service, request)
    service_id = data["id"]
    data.update(compact({
        "phones": [phone_json(service, service_id)] if service.phone else [],
        "schedules": [schedule_json(service, service_id)] if service.meeting_times else [],
        "service_areas": [area_json(term, service_id, request) for term in service.areas],
        "service_at_locations": [place_json(place, service, request) for place in service.locations.all()],
        "languages": [
            {"id": derived_id(service_id, f"language:{name}"), "service_id": service_id, "name": name}
            for name in service.language_list
        ],
        "contacts": [contact_json(service, service_id)] if (service.email or service.phone) else [],
        "attributes": [
            attribute_json(link.term, taxonomy, service_id, request)
            for taxonomy in TAXONOMIES
            if taxonomy.model is not Area  # areas are service_areas, each with its own attribute
            for link in getattr(service, taxonomy.relation).all()
        ],
    }))
    return data


def attribute_json(term, taxonomy, link_id, request, link_entity="service"):
    return {
        "id": derived_id(link_id, f"attribute:{term.uuid}"),
        "link_id": link_id,
        "link_type": taxonomy.link_type,
        "link_entity": link_entity,
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": term_json(term, request),
    }


def phone_json(service, service_id):
    return {"id": derived_id(service_id, "phone"), "service_id": service_id, "number": service.phone}


def contact_json(service, service_id):
    contact_id = derived_id(service_id, "contact")
    return compact({
        "id": contact_id,
        "service_id": service_id,
        "name": service.contact_name,
        "email": service.email,
        "phones": [{"id": derived_id(contact_id, "phone"), "contact_id": contact_id, "number": service.phone}]
        if service.phone else [],
    })


def schedule_json(service, service_id):
    """When it meets: the plain-English words, plus a weekly rule where we know it."""
    schedule = {"id": derived_id(service_id, "schedule"), "service_id": service_id, "description": service.meeting_times}
    if service.weekly_day:
        schedule.update(compact({
            "freq": "WEEKLY",
            "interval": 1,
            "byday": service.weekly_day,
            "opens_at": service.starts_at.strftime("%H:%M") if service.starts_at else None,
            "closes_at": service.ends_at.strftime("%H:%M") if service.ends_at else None,
        }))
    return schedule


def area_json(term, service_id, request):
    area_id = derived_id(service_id, f"area:{term.uuid}")
    return {
        "id": area_id,
        "service_id": service_id,
        "name": term.name,
        "description": term.get_scope_display(),
        "attributes": [attribute_json(term, TAXONOMY_BY_MODEL[Area], area_id, request, "service_area")],
    }


def place_json(place, service, request):
    service_id, location_id = str(service.uuid), str(place.uuid)
    location = compact({
        "id": location_id,
        "location_type": "physical",
        "name": place.name,
        "description": "Contact the organiser for the venue." if place.private_venue else None,
        "addresses": [address_json(place, location_id)] if place.has_address else [],
        "accessibility": [
            {"id": derived_id(location_id, "accessibility"), "location_id": location_id,
             "description": service.accessibility}
        ] if service.accessibility else [],
    })
    return {
        "id": derived_id(location_id, "service_at_location"),
        "service_id": service_id,
        "location_id": location_id,
        "location": location,
    }


def address_json(place, location_id):
    return {
        "id": derived_id(location_id, "address"),
        "location_id": location_id,
        "address_1": place.address,
        "city": place.town or "London",
        # The directory covers England; HSDS asks for a state or province.
        "state_province": "England",
        "postal_code": place.postcode,
        "country": "GB",
        "address_type": "physical",
    }
