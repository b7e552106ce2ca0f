import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import NewsletterIssuePage


class LatestIssuesFeed(Feed):
    """Atom feed of newsletter issues, newest first (for feed readers and mail tools)."""

    feed_type = Atom1Feed
    title = "#PeerTalk newsletter issues"
    subtitle = "Peer support news, stories and dates for the diary from the Side by Side programme."
    link = "/issues/"
    limit = 20

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def items(self):
        return (
            NewsletterIssuePage.objects.live()
            .public()
            .defer_streamfields()
            .order_by("-publication_date", "-issue_number", "-pk")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_listing_summary()

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.publication_date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at
