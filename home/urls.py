from django.urls import path, re_path

from . import email_views
from .feeds import LatestIssuesFeed, LatestStoriesFeed

urlpatterns = [
    path("issues/feed.xml", LatestIssuesFeed(), name="issues_feed"),
    path("stories/feed.xml", LatestStoriesFeed(), name="stories_feed"),
    # `<issue url>email.txt`: the plain-text email edition (a dot, so not a Wagtail route).
    re_path(r"^(?P<path>(?:[\w\-]+/)+)email\.txt$", email_views.issue_email_text, name="issue_email_text"),
]
