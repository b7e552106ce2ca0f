import pytest

from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic
from services.factories import ServicePageFactory
from services.models import ServiceIndexPage, ServicePage


def terms(model, *slugs):
    return [model.objects.get(slug=slug) for slug in slugs]


@pytest.fixture
def directory(db):
    """The seeded directory with four services of its own in place of the seed's,
    whose terms make each filter, alone and combined, pick a known set. (The seed's
    services are unpublished inside the test's transaction, which rolls it back.)"""
    index = ServiceIndexPage.objects.get()
    ServicePage.objects.update(live=False)
    specs = {
        "Camden bereavement group": ("parents", "bereavement", "peer-support-groups", "face-to-face-group", "camden"),
        "National bereavement helpline": ("bereaved-parents", "bereavement", "one-to-one-peer-support", "telephone", "national"),
        "Dads online": ("fathers", "perinatal-mental-health", "peer-support-groups", "online-forum", "kensington-and-chelsea"),
        "Battersea stillbirth circle": ("bereaved-parents", "stillbirth", "peer-led", "face-to-face-group", "wandsworth"),
    }
    for title, (audience, topic, kind, delivery, area) in specs.items():
        ServicePageFactory(
            parent=index,
            title=title,
            audiences=terms(Audience, audience),
            topics=terms(Topic, topic),
            types=terms(PeerSupportType, kind),
            delivery=terms(DeliveryMethod, delivery),
            areas=terms(Area, area),
        )
    return index
