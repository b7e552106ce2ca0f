from wagtail import blocks

from core.blocks import CardPageChooserBlock, ListingBlock, SnippetChooserBlock

from .models import ServiceIndexPage
from .queries import services_for_block


class ServiceListBlock(ListingBlock):
    """Lists service pages, so an issue's directory section reads the directory itself."""

    services = blocks.ListBlock(
        CardPageChooserBlock(page_type="services.ServicePage"),
        required=False,
        default=[],
        help_text="Pick services to list them in this order. Leave empty to list services by the filters below.",
    )
    audience = SnippetChooserBlock(
        "core.Audience", required=False, help_text="Optional: only services for this group of people."
    )
    topic = SnippetChooserBlock("core.Topic", required=False, help_text="Optional: only services about this topic.")
    limit = blocks.IntegerBlock(
        default=20, min_value=1, max_value=100, help_text="How many services to show at most, when not picked by hand."
    )

    items_name = "services"
    index_page_model = ServiceIndexPage

    class Meta:
        icon = "list-ul"
        template = "services/blocks/service_list.html"
        description = "A list of local peer-support services, read from the services directory."
        preview_value = {"heading": "Local peer support", "limit": 5}

    def get_items(self, value):
        return services_for_block(value)
