"""The index, the API and the listing block cost the same queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.taxonomies import Area, Audience, DeliveryMethod, Topic
from services.demo import generate
from services.models import ServicePage
from services.queries import services_for_block

URLS = ["/services/", "/services/?audience=parents&area=camden", "/api/openreferral/services", "/api/openreferral/services?search=parents"]


def query_counts(client):
    counts = {}
    for url in URLS:
        assert client.get(url).status_code == 200  # warm per-process caches (site root, settings)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        [service.areas for service in services_for_block({"audience": Audience.objects.get(slug="parents"), "limit": 20})]
    counts["block"] = len(queries)
    return counts


@pytest.mark.usefixtures("no_page_cache")
def test_query_counts_do_not_grow_with_services(client, directory):
    generate(6, directory.get_parent())
    few = query_counts(client)
    generate(60, directory.get_parent())  # more than one page of results, and 7 times as many services
    assert ServicePage.objects.live().count() == 70  # the seed's own services are unpublished by `directory`
    many = query_counts(client)
    assert many == few
    assert few["/services/"] <= 22, few  # page routing, filter terms, count, results, one prefetch per shown term type


def test_demo_services_are_varied(db, directory):
    generate(30, directory.get_parent())
    services = ServicePage.objects.filter(slug__startswith="demo-")
    assert services.count() == 30
    for relation, taxonomy in [("audience_links", Audience), ("topic_links", Topic), ("delivery_links", DeliveryMethod), ("area_links", Area)]:
        used = set(services.values_list(f"{relation}__term", flat=True))
        assert len(used) >= min(4, taxonomy.objects.count()), relation
    assert len(set(services.values_list("status", flat=True))) >= 2
