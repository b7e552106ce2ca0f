"""Atom feeds of newsletter issues and of peer support stories.

Both are valid Atom (RFC 4287): the feed and every entry carry an author, id,
title and updated date, and every address is absolute, built from the Wagtail
Site's root URL (not the request's host).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from wagtail.models import Site

from core.models import SiteSettings
from stories.models import StoryIndexPage, StoryPage

from .absolute_urls import absolute_url, absolute_urls
from .models import NewsletterIndexPage, NewsletterIssuePage


class ContentAtom1Feed(Atom1Feed):
    """Django's Atom feed plus <content type="html"> for entries that carry their full text."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


def midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class SiteFeed(Feed):
    """A feed whose addresses and author come from the request's Wagtail Site."""

    feed_type = ContentAtom1Feed
    limit = 20
    url_name = None  # the feed's own URL name
    index_model = None  # the page the feed follows, for its link

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404("No site here")
        self.root_url = self.site.root_url
        self.settings = SiteSettings.for_site(self.site)
        return super().__call__(request, *args, **kwargs)

    def absolute(self, url):
        return absolute_url(self.root_url, url)

    def link(self):
        index = self.index_model.objects.live().public().descendant_of(self.site.root_page).first()
        return index.get_full_url(self.request) if index else self.absolute("/")

    def feed_url(self):
        return self.absolute(reverse(self.url_name))

    def author_name(self):
        return self.settings.organisation_name

    def author_link(self):
        return self.absolute("/")

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_updateddate(self, item):
        return item.last_published_at


class LatestIssuesFeed(SiteFeed):
    """Atom feed of newsletter issues, newest first (for feed readers and mail tools)."""

    title = "#PeerTalk newsletter issues"
    subtitle = "Peer support news, stories and dates for the diary from the Side by Side programme."
    url_name = "issues_feed"
    index_model = NewsletterIndexPage

    def items(self):
        return (
            NewsletterIssuePage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .defer_streamfields()
            .order_by("-publication_date", "-issue_number", "-pk")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_share_description()

    def item_author_name(self, item):
        return self.settings.organisation_name

    def item_pubdate(self, item):
        return midnight(item.publication_date)


class LatestStoriesFeed(SiteFeed):
    """Atom feed of peer support stories in full, content notes first."""

    title = "#PeerTalk peer support stories"
    subtitle = "People's own stories of giving and getting peer support, from the Side by Side programme."
    url_name = "stories_feed"
    index_model = StoryIndexPage

    def items(self):
        return (
            StoryPage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .prefetch_related("content_notes")
            .order_by("-story_date", "-first_published_at", "-pk")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_share_description()

    def item_author_name(self, item):
        # Atom needs an author: the storyteller as they agreed to be named ("Anonymous" by default).
        return item.byline or "Anonymous"

    def item_pubdate(self, item):
        return midnight(item.story_date)

    def item_extra_kwargs(self, item):
        notes = item.content_note_text()
        parts = [format_html("<p><strong>{}</strong></p>", notes) if notes else ""] + [child.render() for child in item.body]
        return {"content": absolute_urls("".join(str(part) for part in parts), self.root_url)}
