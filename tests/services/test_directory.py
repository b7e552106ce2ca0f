"""Finding a service: the index's filters, its messages, empty state and pagination."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from core.taxonomies import DeliveryMethod
from home.models import HomePage, NewsletterIndexPage, StandardPage
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage, ServicePage
from tests.conftest import soup
from tests.services.conftest import terms


def titles(page):
    return {a.get_text(strip=True) for a in page.select(".service-results .card__title a")}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("audience=bereaved-parents", {"National bereavement helpline", "Battersea stillbirth circle"}),
        ("topic=bereavement", {"Camden bereavement group", "National bereavement helpline"}),
        ("type=peer-support-groups", {"Camden bereavement group", "Dads online"}),
        ("delivery=face-to-face-group", {"Camden bereavement group", "Battersea stillbirth circle"}),
        # A borough also finds the London-wide and national services that reach it.
        ("area=camden", {"Camden bereavement group", "National bereavement helpline"}),
        ("area=national", {"National bereavement helpline"}),
        # Combined filters must all match.
        ("audience=bereaved-parents&delivery=face-to-face-group", {"Battersea stillbirth circle"}),
        ("topic=bereavement&type=peer-support-groups", {"Camden bereavement group"}),
        ("audience=bereaved-parents&area=camden", {"National bereavement helpline"}),
        ("audience=bereaved-parents&topic=bereavement&type=one-to-one-peer-support&delivery=telephone&area=lambeth",
         {"National bereavement helpline"}),
    ],
)
def test_filters_alone_and_combined(client, directory, query, expected):
    page = soup(client.get(f"/services/?{query}"))
    assert titles(page) == expected
    count = page.select_one("[role=status]").get_text(" ", strip=True)
    assert count.startswith(f"{len(expected)} service")
    assert f"{len(expected)} service" in page.title.get_text()


def test_no_filters_lists_everything_and_the_form_keeps_choices(client, directory):
    page = soup(client.get("/services/"))
    assert len(titles(page)) == 4
    assert "4 services in the directory" in page.select_one("[role=status]").get_text()
    form = page.select_one("form.service-filters")
    assert form["method"] == "get"
    for name in ["audience", "topic", "type", "delivery", "area"]:
        select = form.select_one(f"select[name={name}]")
        assert page.select_one(f"label[for={select['id']}]"), f"{name} needs a label"
    chosen = soup(client.get("/services/?delivery=telephone")).select_one("select[name=delivery] option[selected]")
    assert chosen["value"] == "telephone"
    # The typology keeps its three parts as option groups.
    groups = [g["label"] for g in form.select("select[name=type] optgroup")]
    assert groups == ["Format (1-to-1 or group)", "How a group is run", "What the peer worker does"]


def test_active_filters_are_listed_and_each_removes_only_itself(client, directory):
    page = soup(client.get("/services/?audience=bereaved-parents&delivery=face-to-face-group"))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".active-filters li a")}
    assert links == {
        "Remove filter who it is for: Bereaved parents": "?delivery=face-to-face-group",
        "Remove filter how it is delivered: Face-to-face group": "?audience=bereaved-parents",
    }
    widened = soup(client.get("/services/" + links["Remove filter how it is delivered: Face-to-face group"]))
    assert titles(widened) == {"National bereavement helpline", "Battersea stillbirth circle"}
    assert page.find("a", string="Clear all filters")["href"] == "/services/"


@pytest.mark.parametrize(
    "query, message",
    [
        ("audience=astronauts", "“astronauts” under “Who it is for”"),
        ("area=%3Cscript%3E", "“<script>” under “Area”"),
        ("topic=" + "x" * 300, "“" + "x" * 40 + "…” under “Topic”"),
    ],
)
def test_unknown_values_are_ignored_with_a_message(client, directory, query, message):
    response = client.get(f"/services/?{query}&delivery=telephone")
    page = soup(response)
    assert message in page.select_one(".messages").get_text()
    assert b"<script>" not in response.content.split(b"<main")[1]
    assert titles(page) == {"National bereavement helpline"}  # the good filter still applies


def test_empty_state_offers_ways_out(client, directory):
    page = soup(client.get("/services/?audience=fathers&delivery=telephone"))
    assert titles(page) == set()
    empty = page.select_one(".empty-state")
    assert "No services match all of these filters" in empty.get_text()
    hrefs = {a.get_text(strip=True): a["href"] for a in empty.select("a")}
    assert hrefs["Browse all services"] == "/services/"
    assert "Contact us" in hrefs
    assert len(page.select(".active-filters li a")) == 2  # each one can be removed
    assert "0 services match your filters" in page.select_one("[role=status]").get_text()


def test_pagination_keeps_the_filters(client, directory):
    phone = terms(DeliveryMethod, "telephone")
    for n in range(21):
        ServicePageFactory(parent=directory, title=f"Extra telephone service {n:02}", delivery=phone)
    first = soup(client.get("/services/?delivery=telephone"))
    assert len(titles(first)) == 20
    assert first.select_one("a[rel=next]")["href"] == "?delivery=telephone&page=2"
    second = soup(client.get("/services/?delivery=telephone&page=2"))
    assert len(titles(second)) == 2 and "(page 2)" in second.title.get_text()
    assert client.get("/services/?delivery=telephone&page=3").status_code == 404
    assert client.get("/services/?page=abc").status_code == 404


def test_service_page_shows_its_details_and_review_dates(client, directory):
    import datetime

    service = ServicePage.objects.get(title="National bereavement helpline")
    service.phone, service.checked_on, service.next_review = "0800 000 0000", datetime.date(2020, 1, 2), None
    service.save()
    assert service.next_review == datetime.date(2021, 1, 1)  # a year after the check, when left blank
    page = soup(client.get(service.url))
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in page.select("dl dt")}
    assert facts["Who it is for"] == "Bereaved parents"
    assert facts["How it is delivered"] == "Telephone or helpline"
    assert facts["When"] == "Wednesdays 7pm to 8.30pm"
    assert page.select_one('a[href="tel:08000000000"]')
    checked = page.select_one(".service__checked").get_text(" ", strip=True)
    assert "checked these details with the service on 2 January 2020" in checked
    assert "due to be checked again on 1 January 2021" in checked


class TestPageTree(WagtailPageTestCase):
    def test_where_pages_can_go(self):
        # Directly under the home page, never deeper (it cannot name home.HomePage: see core.SectionIndexPage).
        self.assertTrue(ServiceIndexPage.can_exist_under(HomePage.objects.get()))
        self.assertFalse(ServiceIndexPage.can_exist_under(StandardPage.objects.first()))
        self.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
        self.assertCanNotCreateAt(NewsletterIndexPage, ServicePage)
        self.assertCanNotCreateAt(ServicePage, ServicePage)


def test_listing_block_filters_by_audience_and_topic(client, directory):
    from core.taxonomies import Audience, Topic
    from home.factories import StandardPageFactory

    value = {"heading": "For bereaved parents", "services": [], "audience": Audience.objects.get(slug="bereaved-parents"),
             "topic": None, "limit": 20}
    page = StandardPageFactory(parent=directory.get_parent(), slug="bereavement", body=[
        ("service_list", value),
        ("service_list", {**value, "heading": "", "topic": Topic.objects.get(slug="stillbirth")}),
    ])
    lists = soup(client.get(page.url)).select(".service-list")
    assert {a.get_text() for a in lists[0].select(".card__title a")} == {"National bereavement helpline", "Battersea stillbirth circle"}
    assert [a.get_text() for a in lists[1].select(".card__title a")] == ["Battersea stillbirth circle"]
    # At the top of a page body (under the h1) the list's heading is an h2 and its cards h3;
    # the list without a heading has h2 cards.
    assert lists[0].find_previous_sibling("h2").get_text() == "For bereaved parents"
    assert lists[0].select(".card__title")[0].name == "h3"
    assert lists[1].select(".card__title")[0].name == "h2"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"starts_at": "19:00"}, "weekly_day", "Choose the day of the week"),
        ({"weekly_day": "MO", "starts_at": "19:00", "ends_at": "18:00"}, "ends_at", "end time must be after"),
        ({"checked_on": "2020-01-02", "next_review": "2019-01-01"}, "next_review", "must come after the last one"),
    ],
)
def test_editors_get_clear_messages_for_impossible_details(directory, fields, field, message):
    from django.core.exceptions import ValidationError

    service = ServicePage.objects.get(title="Dads online")
    for name, value in fields.items():
        setattr(service, name, ServicePage._meta.get_field(name).to_python(value))
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert message in " ".join(error.value.message_dict[field])
