"""The bodies `home` composes: the foundation's content blocks plus the feature
apps' listing blocks, in sections for newsletter issues."""

from django.utils.text import slugify
from wagtail import blocks

from core.blocks import ContentBlock
from events.blocks import EventListBlock
from services.blocks import ServiceListBlock
from stories.blocks import StoryListBlock


class BodyBlock(ContentBlock):
    """The blocks allowed inside a section: content, and lists read from other pages."""

    event_list = EventListBlock()
    service_list = ServiceListBlock()
    story_list = StoryListBlock()


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(help_text="The section heading; it also appears in the page's contents list.")
    anchor = blocks.CharBlock(
        required=False,
        help_text="Optional web address fragment for links to this section, e.g. 'dates-for-the-diary'. "
        "Left blank, it is made from the heading.",
    )
    body = BodyBlock()

    class Meta:
        icon = "doc-full"
        template = "home/blocks/section.html"
        description = "A titled section of the page, listed in the contents at the top."
        preview_value = {
            "heading": "Types of peer support",
            "anchor": "",
            "body": [("rich_text", "<p>Peer support is essentially people helping each other.</p>")],
        }

    def get_context(self, value, parent_context=None):
        """`section_id`: the id an issue gives the section (`anchor_id`, unique on the page),
        else the editor's anchor or the heading, as a slug."""
        context = super().get_context(value, parent_context)
        context["section_id"] = context.get("anchor_id") or slugify(value.get("anchor") or value.get("heading"))
        return context


class IssueBodyBlock(blocks.StreamBlock):
    section = SectionBlock()


class PageBodyBlock(BodyBlock):
    section = SectionBlock()


def unique_anchors(headings, explicit=None):
    """Give each heading a unique, URL-safe id: 'news', 'news-2', 'news-3'…"""
    explicit = explicit or [None] * len(headings)
    seen = set()
    anchors = []
    for heading, chosen in zip(headings, explicit):
        base = slugify(chosen or heading) or "section"
        anchor, n = base, 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        anchors.append(anchor)
    return anchors
