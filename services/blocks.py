from wagtail import blocks


class ServiceListBlock(blocks.StructBlock):
    """Lists service pages, so an issue's directory section reads the directory itself."""

    heading = blocks.CharBlock(required=False, help_text="Optional heading above the list.")
    limit = blocks.IntegerBlock(default=20, min_value=1, max_value=100, help_text="How many services to show at most.")

    class Meta:
        icon = "list-ul"
        template = "services/blocks/service_list.html"
        description = "A list of local peer-support services, read from the services directory."
        preview_value = {"heading": "Local peer support", "limit": 5}

    def get_context(self, value, parent_context=None):
        from services.queries import services_for_block

        context = super().get_context(value, parent_context)
        context["services"] = services_for_block(value)
        return context
