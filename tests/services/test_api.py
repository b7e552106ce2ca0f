"""The Open Referral UK API: HSDS 3.0 shapes, filters, paging edges, errors, CORS."""

import datetime
import json

import pytest
from django.utils import timezone

from core.seed import seed_uuid
from core.taxonomies import Audience, DeliveryMethod, PeerSupportType
from services.factories import ServicePageFactory
from services.models import ServiceLocation, ServicePage
from tests.services.hsds import assert_valid, object_schema, response_schema

API = "/api/openreferral"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_root_points_at_the_openapi_description(client, db):
    root = get_json(client, f"{API}/")
    assert root["version"] == "3.0"
    assert root["profile"].startswith("https://")
    assert root["openapi_url"] == "http://testserver/api/openreferral/openapi.json"
    spec = get_json(client, "/api/openreferral/openapi.json")
    assert spec["openapi"].startswith("3.")
    assert "REQUIRED" not in json.dumps(spec["info"])  # the placeholders are filled in
    assert "/services/{id}" in spec["paths"]


def test_seed_services_validate_against_hsds(client, seeded):
    listing = get_json(client, f"{API}/services?per_page=100")
    assert_valid(listing, response_schema("/services"))
    assert listing["total_items"] == ServicePage.objects.live().count() == 18
    for item in listing["contents"]:
        service = get_json(client, f"{API}/services/{item['id']}")
        assert_valid(service, response_schema("/services/{id}"))
        assert service["organization"]["id"] == item["organization_id"]
        assert service["assured_date"] == "2016-06-01"  # "checked with the service on"


def test_a_full_service_is_nested_with_its_terms_places_and_contacts(client, directory):
    service = ServicePage.objects.get(title="Camden bereavement group")
    service.phone, service.email, service.contact_name = "020 7000 0000", "group@example.org", "the organiser"
    service.weekly_day, service.starts_at, service.ends_at = "TU", datetime.time(19), datetime.time(20, 30)
    service.accessibility, service.languages = "Step-free access.", "English, Arabic"
    service.locations = [
        ServiceLocation(name="St Mark's Hall", address="1 Example Road", postcode="nw1 1aa"),
        ServiceLocation(name="A private home", private_venue=True),
    ]
    service.save()
    data = get_json(client, f"{API}/services/{service.uuid}")
    assert_valid(data, object_schema("service.json"))

    by_type = {}
    for attribute in data["attributes"]:
        by_type.setdefault(attribute["link_type"], []).append(attribute["taxonomy_term"]["code"])
        assert attribute["link_id"] == data["id"] and attribute["link_entity"] == "service"
        term = get_json(client, f"{API}/taxonomy_terms/{attribute['taxonomy_term_id']}")
        assert term["id"] == attribute["taxonomy_term_id"]
    assert by_type == {
        "audience": ["parents"],
        "topic": ["bereavement"],
        "peer_support_type": ["peer-support-groups"],
        "delivery_channel": ["face-to-face-group"],
    }
    assert [area["name"] for area in data["service_areas"]] == ["Camden"]
    assert data["schedules"][0] | {"id": None} == {
        "id": None, "service_id": data["id"], "description": "Wednesdays 7pm to 8.30pm",
        "freq": "WEEKLY", "interval": 1, "byday": "TU", "opens_at": "19:00", "closes_at": "20:30",
    }
    assert data["phones"][0]["number"] == "020 7000 0000"
    assert data["contacts"][0]["name"] == "the organiser"
    assert [language["name"] for language in data["languages"]] == ["English", "Arabic"]
    hall, private = (entry["location"] for entry in data["service_at_locations"])
    assert hall["addresses"][0]["postal_code"] == "NW1 1AA"
    assert hall["accessibility"][0]["description"] == "Step-free access."
    assert "addresses" not in private and "Contact the organiser" in private["description"]


def test_taxonomies_and_terms_validate_and_use_the_snippets_ids(client, directory):
    taxonomies = get_json(client, f"{API}/taxonomies")
    assert_valid(taxonomies, response_schema("/taxonomies"))
    assert taxonomies["total_items"] == 5
    terms_page = get_json(client, f"{API}/taxonomy_terms?per_page=100")
    assert_valid(terms_page, response_schema("/taxonomy_terms"))
    ids = {term["id"] for term in terms_page["contents"]}
    assert str(Audience.objects.get(slug="bereaved-parents").uuid) in ids
    typology = [t for t in terms_page["contents"] if t["code"] == "peer-brokerage"][0]
    assert typology["description"] == PeerSupportType.objects.get(slug="peer-brokerage").description
    one = get_json(client, f"{API}/taxonomies/{typology['taxonomy_id']}")
    assert_valid(one, response_schema("/taxonomies/{id}"))
    only = get_json(client, f"{API}/taxonomy_terms?taxonomy_id={typology['taxonomy_id']}")
    assert only["total_items"] == PeerSupportType.objects.count()


def test_filters_combine_with_and(client, directory):
    def names(query):
        return {s["name"] for s in get_json(client, f"{API}/services?{query}")["contents"]}

    bereaved = Audience.objects.get(slug="bereaved-parents").uuid
    face_to_face = DeliveryMethod.objects.get(slug="face-to-face-group").uuid
    assert names(f"taxonomy_term_id={bereaved}") == {"National bereavement helpline", "Battersea stillbirth circle"}
    assert names(f"taxonomy_term_id={face_to_face}&search=stillbirth") == {"Battersea stillbirth circle"}
    assert names("search=BEREAVEMENT helpline") == {"National bereavement helpline"}
    assert names(f"taxonomy_term_id={seed_uuid('nothing', 'here')}") == set()
    old = ServicePage.objects.get(title="Dads online")
    ServicePage.objects.filter(pk=old.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=30))
    recent = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert "Dads online" not in names(f"modified_after={recent}") and len(names(f"modified_after={recent}")) == 3


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("page=0", 400, "'page' must be 1 or more"),
        ("page=-3", 400, "'page' must be 1 or more"),
        ("page=two", 400, "'page' must be a whole number"),
        ("per_page=101", 400, "'per_page' must be between 1 and 100"),
        ("per_page=0", 400, "'per_page' must be between 1 and 100"),
        ("page=3&per_page=2", 404, "There is no page 3: the last page is 2."),
        ("taxonomy_term_id=parents", 400, "'taxonomy_term_id' must be an id"),
        ("modified_after=yesterday", 400, "'modified_after' must be a date"),
        ("modified_after=2016-13-45", 400, "'modified_after' must be a date"),
    ],
)
def test_bad_parameters_get_a_json_error(client, directory, query, status, message):
    error = get_json(client, f"{API}/services?{query}", status=status)
    assert message in error["message"] and error["status"] == status


def test_paging_edges(client, directory):
    last = get_json(client, f"{API}/services?per_page=3&page=2")
    assert (last["page_number"], last["size"], last["total_pages"], last["first_page"], last["last_page"]) == (2, 1, 2, False, True)
    assert get_json(client, f"{API}/services?per_page=100")["size"] == 4  # the maximum is allowed
    nothing = get_json(client, f"{API}/services?search=zzzz")
    assert (nothing["empty"], nothing["total_pages"], nothing["contents"]) == (True, 1, [])


@pytest.mark.parametrize(
    "path",
    [f"{API}/services/{seed_uuid('service', 'no-such')}", f"{API}/services/not-a-uuid",
     f"{API}/taxonomy_terms/{seed_uuid('x', 'y')}", f"{API}/taxonomies/nope"],
)
def test_unknown_ids_are_json_404s(client, directory, path):
    assert "There is no" in get_json(client, path, status=404)["message"]


def test_drafts_are_not_published_and_writes_are_refused(client, directory):
    draft = ServicePageFactory(parent=directory, title="Not yet", live=False)
    assert get_json(client, f"{API}/services/{draft.uuid}", status=404)
    assert client.post(f"{API}/services").status_code == 405


def test_ids_are_stable_across_seed_runs(client, seeded):
    from django.core.management import call_command

    expected = {str(seed_uuid("service", slug)) for slug in ["child-death-helpline", "tamba", "full-of-life"]}
    first = {s["id"] for s in get_json(client, f"{API}/services?per_page=100")["contents"]}
    assert expected <= first
    call_command("load_seed", stdout=open("/dev/null", "w"))
    assert {s["id"] for s in get_json(client, f"{API}/services?per_page=100")["contents"]} == first
    term = get_json(client, f"{API}/taxonomy_terms/{seed_uuid('DeliveryMethod', 'telephone')}")
    assert term["code"] == "telephone"


@pytest.mark.parametrize("url", [f"{API}/services?search=%00", f"{API}/services?search=group%00x",
                                 f"{API}/taxonomy_terms?search=%00"])
def test_a_nul_byte_in_a_search_is_a_json_400(client, directory, url):
    error = get_json(client, url, status=400)
    assert "NUL" in error["message"] and error["status"] == 400


def test_any_other_address_under_the_api_is_a_json_404(client, db):
    assert "nothing at this address" in get_json(client, f"{API}/nope/nope", status=404)["message"]


@pytest.mark.parametrize("path", ["/", "/services", f"/services/{seed_uuid('service', 'x')}", "/taxonomies",
                                  "/taxonomy_terms", "/openapi.json"])
def test_cors_preflight_is_answered_with_cors_headers(client, directory, path):
    response = client.options(API + path, HTTP_ORIGIN="https://example.org",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_writes_are_json_405s_with_cors_headers(client, directory):
    response = client.delete(f"{API}/services")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["status"] == 405 and response["Access-Control-Allow-Origin"] == "*"
