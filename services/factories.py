"""Factories for tests and demo content (wagtail-factories, on factory_boy)."""

import factory
import wagtail_factories
from django.utils import timezone

from .models import (
    ServiceArea,
    ServiceAudience,
    ServiceDelivery,
    ServiceIndexPage,
    ServicePage,
    ServicePeerSupportType,
    ServiceTopic,
)


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Find local peer support"
    slug = "services"

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    """A live service. Pass terms as lists: audiences=[...], topics=[...], types=[...],
    delivery=[...], areas=[...]."""

    title = factory.Sequence(lambda n: f"Peer support service {n + 1}")
    slug = factory.Sequence(lambda n: f"service-{n + 1}")
    organisation_name = factory.Sequence(lambda n: f"Organisation {n % 7 + 1}")
    summary = "A peer support group where people with similar experiences support one another."
    meeting_times = "Wednesdays 7pm to 8.30pm"
    cost = "Free"
    # Live pages made without the publish workflow still say when they went live.
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ServicePage

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **links_from_terms(kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **links_from_terms(kwargs))


def links_from_terms(kwargs):
    """audiences=[...] and the like as the page's link rows (audience_links=[...])."""
    for key, link_model, relation in LINKS:
        kwargs[relation] = [link_model(term=term) for term in kwargs.pop(key, ())]
    return kwargs


LINKS = [
    ("audiences", ServiceAudience, "audience_links"),
    ("topics", ServiceTopic, "topic_links"),
    ("types", ServicePeerSupportType, "peer_support_type_links"),
    ("delivery", ServiceDelivery, "delivery_links"),
    ("areas", ServiceArea, "area_links"),
]
