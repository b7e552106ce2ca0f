"""StreamField blocks shared by every page type: the foundation's content blocks.

Each block has an icon, a template, a description (shown in the block picker)
and a preview value, so editors can see what a block does before they add it.
"""

import copy

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets import blocks as snippet_blocks

from .navigation import section_url
from .pages import card_pages_by_id

# Headings h3/h4 only: the page title is h1 and sections are h2, so editors
# cannot break the heading outline from inside a rich text field.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]

HEADING_LEVEL_CHOICES = [("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")]


def heading_level_block(default="h3"):
    return blocks.ChoiceBlock(
        choices=HEADING_LEVEL_CHOICES,
        default=default,
        help_text="Pick the level that fits the page outline: level 2 for a main section, 3 inside one.",
    )


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("help_text", "Paragraphs, lists, links and subheadings.")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/rich_text.html"
        description = "Paragraphs of text with links, lists and subheadings."
        preview_value = (
            "<p>Peer support is essentially people helping each other through a shared experience.</p>"
        )

    def get_context(self, value, parent_context=None):
        """`html`: what `{{ value|richtext }}` prints, without the template Wagtail renders for it
        (wagtailcore/shared/richtext.html, `{{ html|safe }}`: about 40 µs a block)."""
        context = super().get_context(value, parent_context)
        context["html"] = mark_safe(expand_db_html(value.source))
        return context


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks: the page adds them.")
    attribution = blocks.CharBlock(
        required=False, help_text="Who said it, as they agreed to be named, e.g. 'Gingerbread group member'."
    )
    source = blocks.CharBlock(
        required=False, help_text="Where it was said or published, e.g. a report title or a group's name."
    )
    source_url = blocks.URLBlock(required=False, help_text="Optional link to the source.")

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"
        description = "A quotation with who said it and where."
        preview_value = {
            "quote": "Good peer support can help parents cope with the chaos of life with a new baby!",
            "attribution": "Caroline Flint, NCT",
            "source": "",
            "source_url": "",
        }


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("contact", "Get in touch"), ("important", "Important")],
        default="info",
        help_text="'Get in touch' shows the contact details prominently; 'Important' is for warnings.",
    )
    heading = blocks.CharBlock(help_text="A short heading, e.g. 'Get involved'.")
    heading_level = heading_level_block()
    body = RichTextBlock(required=False)
    contact_name = blocks.CharBlock(required=False, help_text="Optional: who to contact.")
    email = blocks.EmailBlock(required=False, help_text="Optional email address, shown as a link.")
    phone = blocks.CharBlock(required=False, help_text="Optional phone number, e.g. 020 8964 1333 (option 7).")
    link_url = blocks.URLBlock(required=False, help_text="Optional link to more information.")
    link_text = blocks.CharBlock(
        required=False, help_text="Words for the link that make sense on their own, e.g. 'Read the training guide'."
    )

    class Meta:
        icon = "help"
        template = "core/blocks/callout.html"
        description = "A highlighted box: a call to action, contact details or a warning."
        preview_value = {
            "style": "contact",
            "heading": "Share your story",
            "heading_level": "h3",
            "body": "<p>We can help you think about how much of your story you want to share.</p>",
            "contact_name": "Zoe Copeland",
            "email": "zoe.copeland@kcmind.org.uk",
            "phone": "",
            "link_url": "",
            "link_text": "",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("link_url") and not value.get("link_text"):
            raise StructBlockValidationError(
                {"link_text": ErrorList([ValidationError("Add words for the link so it makes sense on its own.")])}
            )
        return value


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="Pick or upload an image.")
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Describe what the image shows for people who cannot see it. Required unless the image is decorative.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick only if the image adds nothing to the meaning (screen readers will skip it)."
    )
    caption = blocks.CharBlock(required=False, help_text="Optional caption shown under the image.")

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"
        description = "An image with alternative text and an optional caption."

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                {
                    "alt_text": ErrorList(
                        [ValidationError("Describe the image, or tick 'decorative' if it adds nothing to the meaning.")]
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=…")
    title = blocks.CharBlock(help_text="What the video is about; also names the player for screen readers.")
    transcript = RichTextBlock(required=False, help_text="A transcript, for people who cannot hear or watch it.")

    class Meta:
        icon = "media"
        template = "core/blocks/video.html"
        description = "An embedded video with a title, a link to watch it elsewhere and a transcript."
        preview_value = {
            "video": "https://www.youtube.com/watch?v=mnn4Q1yHPJs",
            "title": "What is peer support?",
            "transcript": "",
        }


class CaptionedTableBlock(TableBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", "Tick 'row header' to mark the first row as column headings, and add a caption."
        )
        kwargs.setdefault("table_options", {"contextMenu": ["row_above", "row_below", "col_left", "col_right",
                                                              "remove_row", "remove_col", "undo", "redo"]})
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "core/blocks/table.html"
        description = "A simple table of rows and columns, with a caption and headings."
        preview_value = {
            "first_row_is_table_header": True,
            "table_caption": "Dates for the diary",
            "data": [["What is it?", "When is it?"], ["Peer Worker Network Meeting", "Wednesday 8 June, 2 to 3.30pm"]],
        }


class ContentBlock(blocks.StreamBlock):
    """The content blocks every page body may use. Feature apps use it as it is;
    `home` adds the listing blocks for issues and standard pages."""

    rich_text = RichTextBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    video = VideoBlock()
    table = CaptionedTableBlock()


class CardPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser for listing blocks: the pages picked load as their cards show them
    (core.pages.card_pages), so the listing shows them without reading them again.
    Every page picked loads, live or not, as with Wagtail's chooser: the editor's pick is kept."""

    def to_python(self, value):
        return None if value is None else self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        """The pages, in order, None for any gone; a page picked twice comes twice, as two objects."""
        found = card_pages_by_id(self.model_class, [value for value in values if value is not None])
        pages, seen = [], set()
        for value in values:
            page = found.get(value)
            pages.append(copy.copy(page) if page is not None and value in seen else page)
            seen.add(value)
        return pages


class SnippetChooserBlock(snippet_blocks.SnippetChooserBlock):
    """Wagtail's snippet chooser, asking nothing of the database for a block left empty.
    Wagtail reads the snippets of a page's blocks with `in_bulk(ids)`, and for an empty
    chooser that is `in_bulk([None])`: Django builds and compiles a query (0.15-0.2 ms)
    only to find it can match nothing. A listing block's optional filters are mostly empty."""

    def bulk_to_python(self, values):
        if all(value is None for value in values):
            return [None] * len(values)
        return super().bulk_to_python(values)


# Migrations name it as Wagtail's (wagtail.blocks.Block.canonical_module_path): it stores and
# reads the same values, so the block definitions in migrations stay as they are.
DECONSTRUCT_ALIASES = {SnippetChooserBlock: "wagtail.snippets.blocks.SnippetChooserBlock"}


class ListingBlock(blocks.StructBlock):
    """Base for blocks that list pages read from elsewhere (events, services, stories).

    The heading level comes from where the block sits: a section passes
    `heading_level=3` (its own heading is h2); at the top of a page body it is 2.
    Cards under the block's heading go one level deeper.
    Subclasses set `items_name`, `index_page_model` (the section a "see all"
    link goes to) and implement `get_items(value)`.
    """

    heading = blocks.CharBlock(required=False, help_text="Optional heading above the list.")

    items_name = "items"
    index_page_model = None

    def get_items(self, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        level = int((parent_context or {}).get("heading_level") or 2)
        # As text, like the templates' heading_level="3": a number printed in a template goes
        # through Django's number localisation, about a tenth of a millisecond a card.
        context["heading_level"] = str(level)
        context["item_heading_level"] = str(level + 1 if value.get("heading") else level)
        context[self.items_name] = self.get_items(value)
        context["index_url"] = section_url(context.get("request"), self.index_page_model)
        return context


# --- Site settings -----------------------------------------------------------------


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="The service's name as people know it, e.g. 'Facebook'.")
    url = blocks.URLBlock(help_text="The full address of your page there.")

    class Meta:
        icon = "link"


class CrisisContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(help_text="Who to contact, e.g. 'Samaritans'.")
    phone = blocks.CharBlock(help_text="The number to call, as people should dial it, e.g. '116 123'.")
    description = blocks.CharBlock(help_text="When to use it, in a few words, e.g. 'any time, day or night, free'.")

    class Meta:
        icon = "warning"
