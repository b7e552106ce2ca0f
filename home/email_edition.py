"""The email edition of a newsletter issue: one HTML document for mail clients and its plain-text twin.

Mail clients (Outlook, Gmail) ignore or strip <style> blocks, linked stylesheets and
scripts, so the HTML is written as tables with a small stylesheet that `css-inline`
copies into each element's style attribute. Every link and image address is made
absolute from the Site's root URL, so the edition works when pasted into a mailing tool.

`EmailEdition(issue).html()` and `.text()` are used by the public `email/` and
`email.txt` addresses, the admin preview and the "Send a test to me" action; the responses
for the two addresses are made here, below the page models (the issue page's `email/` route
uses `email_html_response`), so home.models imports this module and nothing imports back.
"""

import re
from html.parser import HTMLParser
from textwrap import fill
from urllib.parse import urlsplit

import css_inline
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import Truncator
from wagtail.embeds.models import Embed
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from core.models import SiteSettings
from events.display import when_text

from .absolute_urls import absolute_url, absolute_urls

# The readable width of the email's column, in CSS pixels (600 wide less padding).
CONTENT_WIDTH = 560
# Images are made twice as wide as shown, so they stay sharp on high-density screens.
IMAGE_FILTER = f"width-{CONTENT_WIDTH * 2}|format-jpeg|jpegquality-75"

# keep_at_rules keeps the @media rules for small screens in a <style> block:
# they cannot be inlined, and clients that ignore them still get the inline styles.
INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)

TEXT_WIDTH = 72


class EmailEdition:
    """One issue's email edition, with every address built from the issue's Site."""

    def __init__(self, issue):
        self.issue = issue
        self.site = issue.get_site()
        self.root_url = self.site.root_url.rstrip("/") + "/"
        self.settings = SiteSettings.for_site(self.site)

    # Addresses ---------------------------------------------------------------------

    def absolute(self, url):
        """An absolute address for `url`, against the Site's root (mailto: and tel: kept)."""
        return absolute_url(self.root_url, url)

    @property
    def web_url(self):
        return self.absolute(self.issue.url_path[len(self.site.root_page.url_path) - 1 :])

    @property
    def subject(self):
        title = self.issue.title
        return title if "#PeerTalk" in title else f"#PeerTalk: {title}"

    @property
    def preheader(self):
        return self.issue.get_listing_summary() or self.issue.title

    # Content -----------------------------------------------------------------------

    def sections(self):
        """Each section with its items: a block's value plus what the email needs to show it."""
        return [
            {
                "heading": section["heading"],
                "anchor": section["anchor"],
                "web_url": f"{self.web_url}#{section['anchor']}",
                "items": [self._item(block) for block in section["block"].value["body"]],
            }
            for section in self.issue.sections
        ]

    def _item(self, block):
        item = {"type": block.block_type, "value": block.value, "template": f"home/email/blocks/{block.block_type}.html"}
        if block.block_type in ("event_list", "service_list", "story_list"):
            # The listing blocks' own queries, so the email lists what the web page lists.
            context = block.block.get_context(block.value)
            item["entries"] = context.get("events") or context.get("services") or context.get("stories") or []
        elif block.block_type == "image":
            item["image"] = self._image(block.value)
        elif block.block_type == "video":
            item["thumbnail"] = self._video_thumbnail(block.value["video"])
            item["url"] = block.value["video"].url if block.value["video"] else ""
        return item

    def _image(self, value):
        """The image at email width, or None if it is gone (deleted, or its file is missing)."""
        if value.get("image") is None:
            return None
        try:
            rendition = value["image"].get_rendition(IMAGE_FILTER)
        except SourceImageIOError:
            return None
        width = min(CONTENT_WIDTH, rendition.width)
        return {
            "url": self.absolute(rendition.url),
            "width": width,
            "height": round(rendition.height * width / rendition.width),
            "alt": "" if value.get("decorative") else value.get("alt_text", ""),
        }

    def _video_thumbnail(self, embed_value):
        """The video's thumbnail, if Wagtail has already fetched it for the web page (no network here)."""
        if not embed_value:
            return None
        embed = Embed.objects.filter(url=embed_value.url).exclude(thumbnail_url="").first()
        if not embed:
            return None
        width = CONTENT_WIDTH
        ratio = (embed.height / embed.width) if embed.width and embed.height else 9 / 16
        return {"url": embed.thumbnail_url, "width": width, "height": round(width * ratio)}

    def context(self):
        return {
            "issue": self.issue,
            "edition": self,
            "sections": self.sections(),
            "site_settings": self.settings,
            "crisis_contacts": [contact.value for contact in self.settings.crisis_contacts],
            "root_url": self.root_url,
        }

    # Output ------------------------------------------------------------------------

    def html(self):
        html = render_to_string("home/email/issue.html", self.context())
        return INLINER.inline(absolute_urls(html, self.root_url))

    def text(self):
        return TextEdition(self).render()

    def message(self, to):
        """The multipart message: plain text first, HTML as the alternative mail clients prefer."""
        message = EmailMultiAlternatives(subject=self.subject, body=self.text(), to=to)
        message.attach_alternative(self.html(), "text/html")
        return message


# Plain text ------------------------------------------------------------------------

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "div", "blockquote")


class _TextConverter(HTMLParser):
    """Rich text (paragraphs, h3/h4, lists, links, bold, italic) as plain text, links written out.

    The rich text editor allows only these few tags (home.blocks.RICH_TEXT_FEATURES),
    so a small converter gives exactly the layout wanted: 'words (https://…)', headings
    in capitals, list items kept together under one another.
    """

    def __init__(self, absolute):
        super().__init__(convert_charrefs=True)
        self.absolute = absolute
        self.paragraphs = []
        self.current = []
        self.lists = []  # one entry per open list: a counter, or None for bullets
        self.last_was_item = False
        self.href = None
        self.link_text = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li" and self.lists:
                if self.lists[-1] is None:
                    self.current.append("- ")
                else:
                    self.lists[-1] += 1
                    self.current.append(f"{self.lists[-1]}. ")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append(None if tag == "ul" else 0)
        elif tag == "br":
            self.current.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self._flush(heading=tag in ("h2", "h3", "h4"), item=tag == "li")
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
            self.last_was_item = False
        elif tag == "a" and self.href is not None:
            words = "".join(self.link_text).strip()
            if self.href.startswith(("mailto:", "tel:")):
                target = self.href.split(":", 1)[1]
                if target not in words:
                    self.current.append(f" ({target})")
            elif self.href:
                url = self.absolute(self.href)
                if words != url:
                    self.current.append(f" ({url})")
            self.href = None

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        self.current.append(data)
        if self.href is not None:
            self.link_text.append(data)

    def _flush(self, heading=False, item=False):
        text = "\n".join(line.strip() for line in "".join(self.current).split("\n")).strip()
        self.current = []
        if not text:
            return
        if heading:
            text = text.upper()
        if item and self.last_was_item and self.paragraphs:
            self.paragraphs[-1] += "\n" + text
        else:
            self.paragraphs.append(text)
        self.last_was_item = item

    def convert(self, html):
        self.feed(html)
        self.close()
        self._flush()
        return self.paragraphs


def html_to_text(html, absolute):
    """A list of plain-text paragraphs from rich text HTML."""
    return _TextConverter(absolute).convert(html)


class TextEdition:
    """The plain-text edition: the same content as the HTML, as readable text with links written out."""

    def __init__(self, edition):
        self.edition = edition
        self.lines = []

    def para(self, text, indent=""):
        """A paragraph wrapped to TEXT_WIDTH; list lines ('- ', '2. ') get a hanging indent. Links never break."""
        for line in str(text).split("\n"):
            marker = re.match(r"(- |\d+\. )", line)
            hanging = indent + " " * (len(marker.group(1)) if marker else 0)
            self.lines.append(
                fill(line, TEXT_WIDTH, initial_indent=indent, subsequent_indent=hanging,
                     break_long_words=False, break_on_hyphens=False)
            )
        self.lines.append("")

    def heading(self, text, rule="="):
        self.lines.extend([str(text), rule * min(len(str(text)), TEXT_WIDTH), ""])

    def rich_text(self, value):
        for paragraph in html_to_text(expand_db_html(value.source), self.edition.absolute):
            self.para(paragraph)

    def render(self):
        edition, issue = self.edition, self.edition.issue
        self.heading(edition.subject)
        meta = f"Issue {issue.issue_number}, " if issue.issue_number else ""
        self.para(meta + issue.publication_date.strftime("%B %Y"))
        if issue.standfirst:
            self.para(issue.standfirst)
        self.para(f"View this issue on the web: {edition.web_url}")
        sections = edition.sections()
        if sections:
            self.heading("This issue", "-")
            for number, section in enumerate(sections, 1):
                self.lines.append(f"{number}. {section['heading']}")
            self.lines.append("")
        for section in sections:
            self.lines.append("")
            self.heading(section["heading"])
            for item in section["items"]:
                getattr(self, f"block_{item['type']}")(item)
        self.crisis_and_contact()
        return "\n".join(self.lines).rstrip() + "\n"

    # One method per block type, named after it.

    def block_rich_text(self, item):
        self.rich_text(item["value"])

    def block_quote(self, item):
        value = item["value"]
        self.para(f"“{value['quote']}”", indent="    ")
        who = ", ".join(part for part in (value.get("attribution"), value.get("source")) if part)
        if who:
            self.para(f"- {who}" + (f" ({value['source_url']})" if value.get("source_url") else ""), indent="    ")

    def block_callout(self, item):
        value = item["value"]
        self.heading(("Important: " if value["style"] == "important" else "") + value["heading"], "-")
        if value.get("body"):
            self.rich_text(value["body"])
        for label, text in (("", value.get("contact_name")), ("Email: ", value.get("email")), ("Phone: ", value.get("phone"))):
            if text:
                self.lines.append(f"{label}{text}")
        if value.get("contact_name") or value.get("email") or value.get("phone"):
            self.lines.append("")
        if value.get("link_url"):
            self.para(f"{value['link_text']}: {self.edition.absolute(value['link_url'])}")

    def block_image(self, item):
        image = item["image"]
        if image is None:
            return
        caption = item["value"].get("caption")
        if image["alt"] or caption:
            self.para(f"[Image: {image['alt'] or caption}]" + (f" {caption}" if caption and image["alt"] else ""))

    def block_video(self, item):
        self.para(f"Video: {item['value']['title']}\nWatch it at {item['url']}")
        if item["value"].get("transcript"):
            self.lines.extend(["Transcript:", ""])
            self.rich_text(item["value"]["transcript"])

    def block_table(self, item):
        value = item["value"]
        if value.get("table_caption"):
            self.para(value["table_caption"])
        rows = value.get("data") or []
        if value.get("first_row_is_table_header") and rows:
            headers, rows = rows[0], rows[1:]
            for row in rows:
                self.para("\n".join(f"{h or ''}: {c or ''}" for h, c in zip(headers, row)))
        else:
            for row in rows:
                self.para(" | ".join(str(cell or "") for cell in row))

    def _list_heading(self, item):
        if item["value"].get("heading"):
            self.heading(item["value"]["heading"], "-")

    def block_event_list(self, item):
        self._list_heading(item)
        if not item["entries"]:
            self.para("No events are listed at the moment.")
        for occurrence in item["entries"]:
            event = occurrence.event
            lines = [("Cancelled: " if event.status == "cancelled" else "") + event.title]
            lines.append("When: " + (when_text(occurrence) if occurrence.start else "Date to be confirmed"))
            if event.location_text:
                lines.append(f"Where: {event.location_text}")
            lines.append(f"More: {self.edition.absolute(event.url)}")
            self.para("\n".join(lines))
        self.para(f"All dates for the diary: {self.edition.absolute('/events/')}")

    def block_service_list(self, item):
        self._list_heading(item)
        if not item["entries"]:
            self.para(f"No services to show here at the moment. Browse the services directory: {self.edition.absolute('/services/')}")
        for service in item["entries"]:
            lines = [service.title]
            summary = service.get_listing_summary()
            if summary:
                lines.append(Truncator(summary).words(40))
            lines.append(f"More: {self.edition.absolute(service.url)}")
            self.para("\n".join(lines))

    def block_story_list(self, item):
        self._list_heading(item)
        for story in item["entries"]:
            lines = [story.title, f"{story.byline}, {story.story_date:%-d %B %Y}"]
            notes = [note.name.lower() for note in story.content_notes.all()]
            if notes:
                lines.append("Content note: " + ", ".join(notes))
            summary = story.pull_quote or story.get_listing_summary()
            if summary:
                lines.append(Truncator(summary).words(40))
            lines.append(f"Read it: {self.edition.absolute(story.url)}")
            self.para("\n".join(lines))

    def crisis_and_contact(self):
        settings = self.edition.settings
        self.lines.append("")
        self.heading(settings.crisis_heading)
        if settings.crisis_introduction:
            self.para(settings.crisis_introduction)
        for contact in settings.crisis_contacts:
            self.lines.append(f"- {contact.value['name']}: {contact.value['phone']} ({contact.value['description']})")
        self.lines.append("")
        self.heading(f"{settings.programme_name} at {settings.organisation_name}", "-")
        if settings.contact_phone:
            self.lines.append(f"Phone: {settings.contact_phone}")
        if settings.contact_email:
            self.lines.append(f"Email: {settings.contact_email}")
        if settings.footer_text:
            self.lines.append(settings.footer_text)
        self.lines.append("")
        self.para(f"View this issue on the web: {self.edition.web_url}")


# Third-party hosts of video thumbnails shown in the email (YouTube, Vimeo).
THUMBNAIL_ORIGINS = ["https://i.ytimg.com", "https://i.vimeocdn.com"]


def _email_csp(edition):
    """The email is one self-contained document styled with style attributes, as mail
    clients need: on this response only, allow inline styles (there is no script at all)
    and images from the Site's own address and the video thumbnail hosts."""
    root = urlsplit(edition.root_url)
    return {"style-src": ["'unsafe-inline'"], "img-src": [f"{root.scheme}://{root.netloc}", *THUMBNAIL_ORIGINS]}


def email_html_response(issue):
    edition = EmailEdition(issue)
    response = HttpResponse(edition.html(), content_type="text/html; charset=utf-8")
    response._csp_update = _email_csp(edition)  # what django-csp's @csp_update sets
    # The web page is the one search engines should list.
    response["X-Robots-Tag"] = "noindex"
    return response


def email_text_response(issue):
    response = HttpResponse(EmailEdition(issue).text(), content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
