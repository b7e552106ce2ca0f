"""Varied demo services for scale tests and benchmarks (`generate_demo_content --services N`)."""

import datetime
import random

from core.seed import add_demo_page, making_demo_pages
from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

from .factories import ServicePageFactory
from .models import ServicePage
from .seed import ensure_index

KINDS = ["support group", "helpline", "online forum", "buddy scheme", "drop-in", "coffee morning"]
PLACES = ["Notting Hill", "Queen's Park", "Paddington", "Chelsea", "Camden", "Battersea", "Brixton", "Online"]
WHEN = ["Every Tuesday, 10am to 12 noon", "Twice a month", "Weekdays 9am to 5pm", "Wednesdays 8pm to 9pm",
        "First Saturday of the month", "Any time, by appointment"]
STATUSES = [ServicePage.ACTIVE] * 8 + [ServicePage.TEMPORARILY_CLOSED, ServicePage.CLOSED]


@making_demo_pages()
def generate(count, home):
    """Create `count` live demo services (no revisions: fast for benchmarks)."""
    index = ensure_index(home)
    rng = random.Random(count)  # the same N gives the same services
    terms = {model: list(model.objects.all()) for model in (Audience, Topic, PeerSupportType, DeliveryMethod, Area)}
    start = ServicePage.objects.count()
    for n in range(start + 1, start + count + 1):
        add_demo_page(index, ServicePageFactory.build(parent=None, **demo_fields(n, rng, terms)))


def demo_fields(n, rng, terms):
    kind, place = rng.choice(KINDS), rng.choice(PLACES)
    checked = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
    return {
        "title": f"{place} parents' {kind} {n}",
        "slug": f"demo-service-{n}",
        "organisation_name": f"Demo organisation {n % 40 + 1}",
        "summary": f"A {kind} where parents who have been there support each other. Demo service {n}.",
        "meeting_times": rng.choice(WHEN),
        "status": rng.choice(STATUSES),
        "checked_on": checked,
        "audiences": rng.sample(terms[Audience], k=rng.randint(1, 3)),
        "topics": rng.sample(terms[Topic], k=rng.randint(1, 3)),
        "types": rng.sample(terms[PeerSupportType], k=rng.randint(1, 2)),
        "delivery": rng.sample(terms[DeliveryMethod], k=rng.randint(1, 2)),
        "areas": rng.sample(terms[Area], k=1),
    }
