from django.urls import path

from .feeds import LatestIssuesFeed

urlpatterns = [
    path("issues/feed.xml", LatestIssuesFeed(), name="issues_feed"),
]
