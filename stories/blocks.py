from wagtail import blocks

from core.blocks import ListingBlock

from .models import StoryIndexPage
from .queries import stories_for_block


class StoryListBlock(ListingBlock):
    """Lists the latest published stories, with the invitation to share one."""

    limit = blocks.IntegerBlock(default=3, min_value=1, max_value=12, help_text="How many stories to show at most.")

    items_name = "stories"
    index_page_model = StoryIndexPage

    class Meta:
        icon = "user"
        template = "stories/blocks/story_list.html"
        description = "The latest peer support stories, read from the story pages."
        preview_value = {"heading": "Stories", "limit": 3}

    def get_items(self, value):
        return stories_for_block(value)
