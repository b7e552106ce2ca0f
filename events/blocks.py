from wagtail import blocks

from core.blocks import CardPageChooserBlock, ListingBlock

from .models import EventIndexPage
from .queries import events_for_block


class EventListBlock(ListingBlock):
    """Lists event pages, so an issue's "Dates for the diary" reads the events themselves."""

    events = blocks.ListBlock(
        CardPageChooserBlock(page_type="events.EventPage"),
        required=False,
        default=[],
        help_text="Pick the events to show, e.g. an issue's own dates. Leave empty to show what is coming up next.",
    )
    limit = blocks.IntegerBlock(default=5, min_value=1, max_value=50, help_text="How many events to show at most.")

    items_name = "events"
    index_page_model = EventIndexPage

    class Meta:
        icon = "date"
        template = "events/blocks/event_list.html"
        description = "A list of events, read from the event pages: the ones picked, or the next ones coming up."
        preview_value = {"heading": "Dates for the diary", "events": [], "limit": 3}

    def get_items(self, value):
        return events_for_block(value)
