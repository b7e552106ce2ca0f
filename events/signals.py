"""Raise an event's iCalendar SEQUENCE when a published change moves its time,
place or status, so calendar clients replace their copy instead of ignoring it."""

from django.db import transaction
from wagtail.signals import page_published


def bump_sequence(sender, instance, **kwargs):
    from .models import EventFeedState

    fingerprint = instance.feed_fingerprint()
    with transaction.atomic():
        state, created = EventFeedState.objects.select_for_update().get_or_create(
            page_id=instance.pk, defaults={"fingerprint": fingerprint}
        )
        if created or state.fingerprint == fingerprint:
            return
        state.sequence += 1
        state.fingerprint = fingerprint
        state.save(update_fields=["sequence", "fingerprint"])


def connect():
    from .models import EventPage

    page_published.connect(bump_sequence, sender=EventPage, dispatch_uid="events.bump_sequence")
