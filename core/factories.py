"""Factories for the shared taxonomies (tests and demo content)."""

import factory
from django.utils.text import slugify

from .taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic


class _TaxonomyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class AudienceFactory(_TaxonomyFactory):
    class Meta:
        model = Audience


class TopicFactory(_TaxonomyFactory):
    class Meta:
        model = Topic


class PeerSupportTypeFactory(_TaxonomyFactory):
    class Meta:
        model = PeerSupportType


class DeliveryMethodFactory(_TaxonomyFactory):
    class Meta:
        model = DeliveryMethod


class AreaFactory(_TaxonomyFactory):
    class Meta:
        model = Area
