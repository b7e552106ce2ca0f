from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def london(*parts):
    return datetime(*parts, tzinfo=LONDON)


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def add_event(title, slug=None, audiences=(), **fields):
    """Publish an event under the events index, as an editor would."""
    from django.utils.text import slugify

    from core.taxonomies import Audience
    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    fields.setdefault("summary", f"About {title}.")
    page = EventPage(title=title, slug=slug or slugify(title), **fields)
    page.audiences.set(Audience.objects.filter(slug__in=audiences))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def republish(page, **changes):
    """Edit the latest revision and publish it, the way the page editor does."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.full_clean()
    draft.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
