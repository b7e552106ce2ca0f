"""HTTP caching: who may keep each response, and a cache of whole public pages.

Headers (`cache_headers`): a public page says `public, max-age, s-maxage,
stale-while-revalidate` (settings.HTTP_CACHE_*) and carries an ETag; anything
that varies by visitor (a logged-in editor, a session, a form with a CSRF token,
a response setting a cookie) says `private, no-cache`; the admin and its
previews `private, no-store`. A view that chose its own Cache-Control (search,
calendar feeds, robots.txt) keeps it.

Page cache (`PageCacheMiddleware`, placed right after WhiteNoise): a GET from a
visitor with no session cookie is answered from the cache before sessions,
authentication, CSRF and Wagtail run, with one cache round trip. Only a 200
response marked public, setting no cookie, is stored, with every header the
inner middleware added (CSP, Permissions-Policy, X-Frame-Options).

Invalidation: every entry is stamped with the site-wide *generation* it was
rendered under, and one read fetches the entry and the current generation
together; an entry from an older generation is a miss. Publishing,
unpublishing, moving or deleting a page and saving or deleting a snippet, a
setting, an image, a document, a site, a redirect or a privacy setting starts
a new generation (`forget_all_pages`), so every page that lists what changed
is rendered afresh at once, in every process sharing the cache.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe
from modelcluster.fields import ParentalKey
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ADMIN_PREFIX = "/admin/"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- headers ---------------------------------------------------------------------


def varies_by_visitor(request, response):
    """Would another visitor see something different here, or could this
    response hand someone's cookie or CSRF token to the next visitor?"""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def cache_headers(request, response):
    """Set Cache-Control (and an ETag on public pages) unless the view chose its own."""
    if request.path_info.startswith(ADMIN_PREFIX):  # the admin and page previews
        patch_cache_control(response, private=True, no_store=True)
        return
    if "Cache-Control" in response:
        return
    if request.method not in ("GET", "HEAD"):
        patch_cache_control(response, private=True, no_store=True)
    elif varies_by_visitor(request, response):
        patch_cache_control(response, private=True, no_cache=True)
    elif response.status_code == 200:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.HTTP_CACHE_MAX_AGE,
            s_maxage=settings.HTTP_CACHE_S_MAXAGE,
            stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
        )


def is_public(response):
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").lower().split(",")}
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


def answer_conditionally(request, response):
    """304 when the client already has this response (If-None-Match / If-Modified-Since)."""
    if "HTTP_IF_NONE_MATCH" not in request.META and "HTTP_IF_MODIFIED_SINCE" not in request.META:
        return response
    last_modified = parse_http_date_safe(response["Last-Modified"]) if "Last-Modified" in response else None
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)


# --- the page cache ------------------------------------------------------------------


def may_use_cache(request):
    """An anonymous GET or HEAD of a public address: the same page for everyone."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(ADMIN_PREFIX)
    )


def page_key(request):
    address = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def current_generation(found=None):
    """The generation in the cache; a missing one (cache cleared or evicted) starts
    at the clock, so it never matches an entry kept from before."""
    generation = (found or {}).get(GENERATION_KEY)
    if generation is None:
        _cache().add(GENERATION_KEY, time.time_ns(), None)
        generation = _cache().get(GENERATION_KEY)
    return generation


class PageCacheMiddleware:
    """Answer anonymous GETs from the cache; store what is public; set cache headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = settings.PAGE_CACHE_SECONDS > 0 and may_use_cache(request)
        generation = key = None
        if cacheable:
            key = page_key(request)
            try:
                found = _cache().get_many([GENERATION_KEY, key])
                generation = current_generation(found)
            except Exception:  # a failing cache slows the site, never breaks it
                logger.warning("Page cache unavailable; rendering the page.", exc_info=True)
                cacheable = False
            else:
                entry = found.get(key)
                if entry is not None and entry[0] == generation:
                    return answer_conditionally(request, self.replay(request, entry))
        response = self.get_response(request)
        cache_headers(request, response)
        if response.status_code == 200 and not response.streaming and is_public(response):
            if "ETag" not in response:
                set_response_etag(response)
            if cacheable and request.method == "GET" and not varies_by_visitor(request, response):
                self.store(key, generation, response)
        return answer_conditionally(request, response)

    @staticmethod
    def replay(request, entry):
        _generation, status, headers, content = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def store(key, generation, response):
        # Stamped with the generation read *before* rendering: if something was
        # published meanwhile, this entry is already out of date and never served.
        entry = (generation, response.status_code, list(response.items()), response.content)
        try:
            _cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store a page in the page cache.", exc_info=True)
        response.headers["X-Page-Cache"] = "miss"


# --- invalidation --------------------------------------------------------------------


def _start_new_generation():
    try:
        try:
            _cache().incr(GENERATION_KEY)
        except ValueError:  # no generation yet: any fresh one will do
            current_generation()
    except Exception:
        logger.warning("Could not start a new page cache generation.", exc_info=True)


def forget_all_pages(**_signal_kwargs):
    """Every cached page is out of date from now on. Done at once (so the process
    that made the change shows it) and again when the transaction commits (so a
    page rendered meanwhile from the old data is not kept)."""
    _start_new_generation()
    transaction.on_commit(_start_new_generation)


# Fields Wagtail saves on a live page for drafts, locks and comments: the public page is unchanged.
PAGE_BOOKKEEPING_FIELDS = frozenset({
    "latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
    "locked", "locked_by", "locked_at", "wagtail_admin_comments", "numchild",
})
CONTENT_MODELS = (
    Page, BaseSiteSetting, BaseGenericSetting, PageViewRestriction, Site, Redirect, AbstractImage, AbstractDocument,
)


@functools.cache
def shown_on_public_pages(model):
    """Can saving this model change a public page? Pages, settings, snippets (taxonomies,
    glossary...), images, documents, sites, redirects and the inline rows of those.
    A model says otherwise with `shown_on_public_pages = False` (e.g. form submissions)."""
    declared = getattr(model, "shown_on_public_pages", None)
    if declared is not None:
        return declared
    if issubclass(model, CONTENT_MODELS) or model in get_snippet_models():
        return True
    return any(
        isinstance(field, ParentalKey)
        and not issubclass(field.related_model, Page)  # a page's rows change when it is published
        and shown_on_public_pages(field.related_model)
        for field in model._meta.get_fields()
    )


def _saved(sender, instance, created=False, update_fields=None, raw=False, **_kwargs):
    if raw or not shown_on_public_pages(type(instance)):
        return
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults the first time a page asks for it: nothing changed
    if isinstance(instance, Page):
        if not instance.live or (update_fields and set(update_fields) <= PAGE_BOOKKEEPING_FIELDS):
            return
    forget_all_pages()


def _deleted(sender, instance, **_kwargs):
    if shown_on_public_pages(type(instance)):
        forget_all_pages()


def _relations_changed(sender, instance, action, **_kwargs):
    if action.startswith("post_") and shown_on_public_pages(type(instance)):
        if not isinstance(instance, Page) or instance.live:
            forget_all_pages()


def purge_front_end_caches(instance, parent_page_before=None, **_kwargs):
    """With a CDN configured (WAGTAILFRONTENDCACHE), purge the page and the pages
    above it, which list it (its section, the home page). Everything else a CDN
    holds expires after HTTP_CACHE_S_MAXAGE."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    pages = [instance, *instance.get_ancestors().filter(depth__gt=1)]
    if parent_page_before is not None and parent_page_before.depth > 1:
        pages.append(parent_page_before)
    batch = PurgeBatch()
    batch.add_pages(pages)
    try:
        batch.purge()
    except Exception:  # a CDN outage must not stop an editor publishing
        logger.warning("Could not purge the front-end cache.", exc_info=True)


def connect_signals():
    for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("moved", post_page_move)):
        signal.connect(forget_all_pages, dispatch_uid=f"pagecache-forget-{name}")
        signal.connect(purge_front_end_caches, dispatch_uid=f"pagecache-purge-{name}")
    post_save.connect(_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(_deleted, dispatch_uid="pagecache-deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="pagecache-relations")
