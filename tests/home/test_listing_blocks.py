"""The listing blocks an issue's sections hold: the pages an editor picked are shown as
they were picked, leaving out any that are no longer live or public."""

from wagtail.models import PageViewRestriction

from events.blocks import EventListBlock
from events.models import EventPage
from services.blocks import ServiceListBlock
from services.models import ServicePage


def stored(block, **raw):
    """The block's value as a page body stores it and reads it back."""
    return block.bulk_to_python([block.get_prep_value(block.to_python(raw))])[0]


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_picked_services_are_listed_in_the_order_picked_without_unpublished_or_private_ones(seeded):
    first, unpublished, private, last = ServicePage.objects.live().order_by("-title")[:4]
    unpublished.unpublish()
    make_private(private)
    block = ServiceListBlock()
    value = stored(block, services=[first.pk, unpublished.pk, private.pk, last.pk])
    assert [service.pk for service in block.get_items(value)] == [first.pk, last.pk]


def test_picked_services_come_with_the_terms_their_cards_show(seeded):
    service = ServicePage.objects.live().filter(audience_links__isnull=False).first()
    block = ServiceListBlock()
    [listed] = block.get_items(stored(block, services=[service.pk]))
    assert [term.pk for term in listed.audiences] == [link.term_id for link in service.audience_links.all()]


def test_picked_services_from_the_editing_form_are_checked_like_saved_ones(seeded):
    """A preview builds the value from the form: plain pages, not loaded by the block."""
    shown, private = ServicePage.objects.live()[:2]
    make_private(private)
    block = ServiceListBlock()
    value = block.to_python({"services": []})
    chooser = block.child_blocks["services"].child_block
    value["services"] = [chooser.value_from_form(pk) for pk in (shown.pk, private.pk)]
    assert [service.pk for service in block.get_items(value)] == [shown.pk]


def test_picked_events_come_once_each_in_date_order_without_unpublished_or_private_ones(seeded):
    events = list(EventPage.objects.live().filter(date_tbc=False).order_by("start"))
    assert len(events) >= 3
    soonest, unpublished, private, *later = events
    unpublished.unpublish()
    make_private(private)
    block = EventListBlock()
    picked = [event.pk for event in reversed(events)] + [soonest.pk]
    listed = block.get_items(stored(block, events=picked, limit=50))
    assert [occurrence.event.pk for occurrence in listed] == [soonest.pk] + [event.pk for event in later]
