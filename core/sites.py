"""The request's Site, with its home page as its own type, its settings and every site's
root path: one query.

On a cold cache Wagtail reads these in a query each per request: the Site matching the
host (`Site.find_for_request`), the home page as its own type (routing starts there), every
site's root path (to build page addresses; Wagtail keeps those in the cache, which a miss
cannot count on) and each site setting (`BaseSiteSetting.for_request`, per settings class).
A database holds a handful of sites, so `SiteMiddleware` reads them all at once, settings
joined, and picks the request's site by Wagtail's rules, leaving the answers where Wagtail
looks for them first: `request._wagtail_site`, `request._wagtail_cached_site_root_paths`
and each setting's `get_cache_attr_name()`.
"""

import contextvars

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Site
from wagtail.models.sites import (MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT,
                                  SiteRootPath)

from .compiled import CompiledQuery


def site_setting_models():
    """The site settings requests read (`for_request`): all but those that say `read_by_requests = False`
    (read only with `for_site`, e.g. by the editor's writing checks), which are not joined."""
    return [model for model in settings_registry
            if issubclass(model, BaseSiteSetting) and getattr(model, "read_by_requests", True)]


def _settings_joins():
    """select_related() names for each site setting (and what its base_queryset selects)."""
    joins = []
    for model in site_setting_models():
        name = model._meta.get_field("site").related_query_name()
        joins += [name] + [f"{name}__{related}" for related in model.select_related or []]
    return joins


# Compiled once per process: every request reads it (Django compiling it cost about 1 ms).
_ALL_SITES = CompiledQuery(lambda: Site.objects.select_related("root_page__locale", *_settings_joins())
                           .order_by("-root_page__url_path", "-is_default_site", "hostname"))


def all_sites():
    """Every Site, most specific root path first (Wagtail's order for root paths), each
    with its settings and its home page already of its own type, with Page's fields only
    (`specific_deferred`: routing needs no more; BasePage.route reads the rest when the
    home page itself is asked for)."""
    sites = _ALL_SITES()
    for site in sites:
        home = site.root_page.specific_deferred
        home.locale = site.root_page.locale  # read with it: for root paths
        site.root_page = home
    return sites


def _match(site, hostname, port):
    """How well a site answers the host, best first, as wagtail.models.sites ranks it."""
    if site.hostname == hostname:
        return MATCH_HOSTNAME_PORT if site.port == port else MATCH_HOSTNAME_DEFAULT if site.is_default_site else MATCH_HOSTNAME
    return MATCH_DEFAULT if site.is_default_site else None


def site_for_host(sites, hostname, port):
    """The site for this host and port, or None: Wagtail's get_site_for_hostname, over `sites`."""
    ranked = sorted(
        (match, n, site) for n, site in enumerate(sites) if (match := _match(site, hostname, port)) is not None
    )
    if not ranked:
        return None
    best = ranked[0][0]
    if len(ranked) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return ranked[0][2]
    if best == MATCH_DEFAULT:  # the default, unless exactly one other site has the hostname
        return ranked[len(ranked) == 2][2]
    return None


def root_paths(sites):
    return [SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
            for site in sites]


def _port(request):
    """The request's port as a number, as the database compares it with Site.port."""
    try:
        return int(request.get_port())
    except (TypeError, ValueError):
        return None


def remember_settings(request, site):
    """Leave the site's settings where `for_request` looks first, as it would leave them.
    A setting not saved yet is left for `for_request` to create."""
    for model in site_setting_models():
        try:
            found = getattr(site, model._meta.get_field("site").remote_field.get_accessor_name())
        except model.DoesNotExist:
            continue
        found._request = request  # as for_request does, for page addresses
        setattr(request, model.get_cache_attr_name(), found)


# The request being served, for code that builds page addresses without it at hand.
_request = contextvars.ContextVar("peertalk_request", default=None)


def request_root_paths():
    """The site root paths the request being served has read already (SiteMiddleware), or None.
    Rich text links build their addresses without the request: unless handed these, each page
    asks Wagtail's cache for them (a query with the database cache) and, on a miss, the database."""
    return getattr(_request.get(), "_wagtail_cached_site_root_paths", None)


class SiteMiddleware:
    """Reads the sites once per request, just before the view (page cache hits never get
    here). Views marked `reads_no_site` (robots.txt) skip it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "reads_no_site", False) or hasattr(request, "_wagtail_site"):
            return None
        sites = all_sites()
        hostname, port = split_domain_port(request._get_raw_host())[0], _port(request)
        request._wagtail_site = site = site_for_host(sites, hostname, port)
        if site is not None:
            remember_settings(request, site)
        # With translations on, Wagtail adds each home page's translations: let it.
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            request._wagtail_cached_site_root_paths = root_paths(sites)
        return None
