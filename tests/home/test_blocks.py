"""Shared blocks: validation editors meet, and every block previews."""

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.rich_text import expand_db_html

from core.blocks import (
    RICH_TEXT_FEATURES,
    CalloutBlock,
    CaptionedTableBlock,
    ImageBlock,
    QuoteBlock,
    RichTextBlock,
    VideoBlock,
)
from events.models import EventPage
from home.blocks import BodyBlock, PageBodyBlock, SectionBlock, unique_anchors
from stories.models import ShareStoryPage


def test_image_needs_alt_text_unless_decorative(db):
    from wagtail_factories import ImageFactory

    block = ImageBlock()
    image = ImageFactory()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "  ", "decorative": False, "caption": ""}))
    assert "alt_text" in error.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True, "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "A group in a circle", "decorative": False, "caption": ""}))


def test_decorative_image_renders_empty_alt_and_described_image_its_text(db):
    from bs4 import BeautifulSoup
    from wagtail_factories import ImageFactory

    block = ImageBlock()
    image = ImageFactory()
    described = BeautifulSoup(block.render(block.to_python({"image": image.pk, "alt_text": "Two people talking", "decorative": False, "caption": "At the group"})), "html.parser")
    assert described.img["alt"] == "Two people talking" and described.img.has_attr("srcset")
    assert described.figcaption.get_text() == "At the group"
    decorative = BeautifulSoup(block.render(block.to_python({"image": image.pk, "alt_text": "ignored", "decorative": True, "caption": ""})), "html.parser")
    assert decorative.img["alt"] == ""


def test_callout_link_needs_words(db):
    block = CalloutBlock()
    value = block.to_python({"style": "info", "heading": "More", "heading_level": "h3", "link_url": "https://example.org", "link_text": ""})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_every_block_describes_itself_and_has_a_template():
    for name, child in {**PageBodyBlock.base_blocks, "section": SectionBlock()}.items():
        meta = child.meta
        assert meta.icon and meta.icon != "placeholder", name
        assert getattr(meta, "template", None), name
        assert child.get_description(), name


def test_every_block_preview_renders(db):
    for block in [RichTextBlock(), QuoteBlock(), CalloutBlock(), CaptionedTableBlock(), SectionBlock(), VideoBlock()]:
        html = block.render(block.get_preview_value())
        assert html.strip(), type(block).__name__


def test_unique_anchors():
    assert unique_anchors(["A", "A", "B", "!!"], [None, None, "custom", None]) == ["a", "a-2", "custom", "section"]


def test_rich_text_cannot_add_h1_or_h2():
    assert "h1" not in RICH_TEXT_FEATURES and "h2" not in RICH_TEXT_FEATURES
    assert BodyBlock.base_blocks["rich_text"].features == RICH_TEXT_FEATURES


def test_rich_text_links_to_pages_point_at_them_and_a_deleted_page_links_nowhere(seeded):
    share, event = ShareStoryPage.objects.get(), EventPage.objects.live().first()
    html = expand_db_html(
        f'<p><a linktype="page" id="{share.pk}">share</a> <a linktype="page" id="{event.pk}">event</a>'
        ' <a linktype="page" id="999999">gone</a></p>'
    )
    assert html == f'<p><a href="{share.url}">share</a> <a href="{event.url}">event</a> <a>gone</a></p>'
