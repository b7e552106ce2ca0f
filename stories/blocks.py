from wagtail import blocks


class StoryListBlock(blocks.StructBlock):
    """Lists the latest published stories, with the invitation to share one."""

    heading = blocks.CharBlock(required=False, help_text="Optional heading above the list.")
    limit = blocks.IntegerBlock(default=3, min_value=1, max_value=12, help_text="How many stories to show at most.")

    class Meta:
        icon = "user"
        template = "stories/blocks/story_list.html"
        description = "The latest peer support stories, read from the story pages."
        preview_value = {"heading": "Stories", "limit": 3}

    def get_context(self, value, parent_context=None):
        from stories.queries import stories_for_block

        context = super().get_context(value, parent_context)
        context["stories"] = stories_for_block(value)
        return context
