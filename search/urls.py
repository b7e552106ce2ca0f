from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/autocomplete/", views.autocomplete, name="search_autocomplete"),
    path("glossary/", views.glossary, name="glossary"),
]
