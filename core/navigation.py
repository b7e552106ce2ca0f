"""The site's top-level pages, read once per request.

The main navigation, the footer, the 404 page and the listing blocks' "see all"
links all point at pages directly under the home page. They share one query,
kept on the request, instead of each hard-coding an address like "/events/".
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site

_CACHE_ATTRIBUTE = "_peertalk_top_pages"


def top_pages(request):
    """Live, public children of the site's home page, in menu order (cached per request)."""
    if request is None:
        return []
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = list(site.root_page.get_children().live().public()) if site else []
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def page_url_by_slug(request, slug):
    """The address of the top-level page with this slug, or "" if there is none."""
    for page in top_pages(request):
        if page.slug == slug:
            return page.get_url(request)
    return ""


def section_url(request, page_model):
    """The address of the top-level page of this type (a section's index), or ""."""
    content_type = ContentType.objects.get_for_model(page_model)  # cached by Django
    for page in top_pages(request):
        if page.content_type_id == content_type.pk:
            return page.get_url(request)
    return ""
