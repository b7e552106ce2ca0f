"""Raise an event's iCalendar SEQUENCE when a published change moves its time,
place or status, so calendar clients replace their copy instead of ignoring it."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from core.taxonomies import Audience

from .ical import rebuild_fragments
from .models import EventFeedState, EventPage


def bump_sequence(sender, instance, **kwargs):
    fingerprint = instance.feed_fingerprint()
    with transaction.atomic():
        state, created = EventFeedState.objects.select_for_update().get_or_create(
            page_id=instance.pk, defaults={"fingerprint": fingerprint}
        )
        if not created and state.fingerprint != fingerprint:
            state.sequence += 1
            state.fingerprint = fingerprint
            state.save(update_fields=["sequence", "fingerprint"])
    store_fragment(instance)


def store_fragment(page):
    """Serialise the event for feeds now, so the next feed request need not."""
    parent = page.get_parent()
    if parent is not None and not page.date_tbc and page.start:
        rebuild_fragments(EventPage.objects.filter(pk=page.pk), parent.get_full_url())


def forget_stored_events_for_audience(sender, instance, **kwargs):
    """A renamed audience changes its events' CATEGORIES: rebuild their stored VEVENTs."""
    EventFeedState.objects.filter(page__audiences=instance).update(fragment_key="")


def connect():
    page_published.connect(bump_sequence, sender=EventPage, dispatch_uid="events.bump_sequence")
    post_save.connect(forget_stored_events_for_audience, sender=Audience, dispatch_uid="events.audience_renamed")
