"""What a page tells search engines and social media about itself: its description,
canonical address, Open Graph / Twitter card and schema.org JSON-LD.

Rendered into every public page by `{% sharing_metadata %}` (templates/base.html).
Every address is absolute, built from the Wagtail Site's root URL.
"""

import json

from django.utils.functional import cached_property
from wagtail.models import Site

from core.models import SiteSettings
from services.models import ServicePage
from stories.models import StoryPage

from .absolute_urls import absolute_url
from .models import NewsletterIssuePage

# Open Graph's recommended size for link previews (Facebook, LinkedIn, WhatsApp, Slack).
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"
SITE_NAME = "#PeerTalk"


def script_safe_json(data):
    """JSON for a <script type="application/ld+json"> data block: '<', '>' and '&' escaped,
    so no text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Sharing:
    def __init__(self, request, page=None, title=None, description=None):
        self.request = request
        self.page = page
        self.given_title = title
        self.given_description = description
        # Both are cached on the request, and shared with the footer and crisis panel.
        self.site = Site.find_for_request(request)
        self.root_url = self.site.root_url if self.site else request.build_absolute_uri("/")
        self.settings = SiteSettings.for_request(request) if self.site else None

    @property
    def title(self):
        if self.given_title:
            return self.given_title
        if self.page is not None:
            return self.page.seo_title or self.page.title
        return SITE_NAME

    @cached_property  # read twice: the meta tags and the JSON-LD
    def description(self):
        page = self.page
        found = self.given_description or ""
        if not found and page is not None:
            share = getattr(page, "get_share_description", None)
            found = (share() if share else "") or page.search_description
        if not found and self.settings:
            found = f"{SITE_NAME}: {self.settings.tagline}" if self.settings.tagline else SITE_NAME
        return " ".join(str(found).split())

    @cached_property  # read twice; each reading asks Wagtail to build the page's URL
    def canonical_url(self):
        if self.page is not None:
            return self.page.get_full_url(self.request) or absolute_url(self.root_url, self.request.path)
        return absolute_url(self.root_url, self.request.path)

    @property
    def image(self):
        """The page's card image, else the site-wide picture for shared links, as a rendition."""
        image = getattr(self.page, "listing_image", None) if self.page is not None else None
        if image is None and self.settings is not None:
            image = self.settings.share_image
        if image is None:
            return None
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        return {"url": absolute_url(self.root_url, rendition.url), "width": rendition.width, "height": rendition.height}

    @property
    def og_type(self):
        return "article" if isinstance(self.page, (NewsletterIssuePage, StoryPage)) else "website"

    def organisation(self):
        name = self.settings.organisation_name if self.settings else "Kensington and Chelsea Mind"
        return {"@type": "Organization", "name": name, "url": absolute_url(self.root_url, "/")}

    def json_ld(self, image):
        data = self._json_ld(image)
        return {"@context": data.pop("@context"), "@type": data.pop("@type"), **data} if data else None

    def _json_ld(self, image):
        """schema.org data for issues (NewsArticle), stories (Article) and services (Service).
        Event pages carry their own Event data (events/display.py)."""
        page = self.page
        common = {"@context": "https://schema.org", "url": self.canonical_url, "description": self.description}
        if image:
            common["image"] = {"@type": "ImageObject", **{k: image[k] for k in ("url", "width", "height")}}
        if isinstance(page, NewsletterIssuePage):
            return {
                **common,
                "@type": "NewsArticle",
                "headline": page.title,
                "datePublished": page.publication_date.isoformat(),
                **({"dateModified": page.last_published_at.isoformat()} if page.last_published_at else {}),
                "author": self.organisation(),
                "publisher": self.organisation(),
                "inLanguage": "en-GB",
            }
        if isinstance(page, StoryPage):
            return {
                **common,
                "@type": "Article",
                "headline": page.title,
                "datePublished": page.story_date.isoformat(),
                **({"dateModified": page.last_published_at.isoformat()} if page.last_published_at else {}),
                "author": {"@type": "Person", "name": page.byline or "Anonymous"},
                "publisher": self.organisation(),
                "inLanguage": "en-GB",
            }
        if isinstance(page, ServicePage):
            return {
                **common,
                "@type": "Service",
                "name": page.title,
                "provider": {"@type": "Organization", "name": page.organisation_name},
                **({"areaServed": ", ".join(str(area) for area in page.areas)} if page.areas else {}),
            }
        return None

    def context(self):
        image = self.image
        data = self.json_ld(image)
        return {
            "share": self,
            "share_title": self.title,
            "share_description": self.description,
            "canonical_url": self.canonical_url,
            "share_image": image,
            "og_type": self.og_type,
            "site_name": SITE_NAME,
            "json_ld": script_safe_json(data) if data else "",
        }
