from django.urls import path

from . import views

# Plain Django URLs: Wagtail's page routes cannot contain dots.
urlpatterns = [
    path("events/feed.ics", views.feed, name="events_feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event_ics"),
]
