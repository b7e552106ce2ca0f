"""A cache that keeps the site up when its cache server is down.

A cache is an accelerator. When Redis cannot be reached, Django's RedisCache
raises on every call, and Wagtail (the site-root cache), search and the share
form's rate limit all call the cache: every page answered 500. FallbackCache
wraps a primary cache alias and, when a call to it fails with a connection
error, logs a warning and answers from a fallback alias instead (the database
cache, so the rate limit still counts across workers). It then leaves the
primary alone for RETRY_SECONDS so a dead server does not slow every request.

Configured in settings (see production.py), so every cache call goes through it:

    CACHES = {
        "default": {"BACKEND": "peertalk_site.cache.FallbackCache",
                    "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database"}},
        "redis": {...RedisCache...},
        "database": {...DatabaseCache...},   # created by `manage.py createcachetable`
    }
"""

import importlib.util
import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a pinned requirement
    RedisError = ConnectionError

# What "the cache server is unreachable or broken" looks like: for the database cache, its
# table missing (`createcachetable` not run) or the database refusing (SQLite's "database is
# locked"). ValueError (incr of a missing key) is ordinary cache behaviour and is never caught.
CACHE_ERRORS = (RedisError, OSError, DatabaseError)
RETRY_SECONDS = 30


class FallbackCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.primary_alias = options["PRIMARY"]
        self.fallback_alias = options.get("FALLBACK", "database")
        self.retry_seconds = options.get("RETRY_SECONDS", RETRY_SECONDS)
        self._lock = threading.Lock()
        self._down_until = 0.0

    @property
    def primary(self):
        return caches[self.primary_alias]

    @property
    def fallback(self):
        return caches[self.fallback_alias]

    def _call(self, method, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return _called(self.primary, method, args, kwargs)
            except CACHE_ERRORS as error:
                with self._lock:
                    self._down_until = time.monotonic() + self.retry_seconds
                logger.warning(
                    "Cache %r is unreachable (%s: %s); using %r for the next %s seconds.",
                    self.primary_alias, type(error).__name__, error, self.fallback_alias, self.retry_seconds,
                )
        try:
            return _called(self.fallback, method, args, kwargs)
        except ValueError:  # incr of a missing key: ordinary cache behaviour
            raise
        except Exception as error:  # both caches failing must still not fail the page
            logger.warning("Fallback cache %r failed too (%s); answering as a cache miss.", self.fallback_alias, error)
            if method in ("incr", "decr"):
                raise ValueError(f"Key {args[0]!r} not found") from error
            return _MISS_ANSWERS.get(method, _nothing)(*args, **kwargs)

    # The whole public cache API (the async versions call these through BaseCache).
    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def get_or_set(self, *args, **kwargs):
        return self._call("get_or_set", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def incr_version(self, *args, **kwargs):
        return self._call("incr_version", *args, **kwargs)

    def decr_version(self, *args, **kwargs):
        return self._call("decr_version", *args, **kwargs)

    def clear(self):
        return self._call("clear")

    def close(self, **kwargs):
        for alias in (self.primary_alias, self.fallback_alias):
            try:
                caches[alias].close(**kwargs)
            except CACHE_ERRORS:
                pass


def _called(cache, method, args, kwargs):
    """`cache.method(*args, **kwargs)`; for the database cache inside a transaction, in a
    savepoint of its own: on PostgreSQL a failed statement would otherwise abort the whole
    transaction, and every query after it (whether the database cache is the primary or,
    behind Redis, the fallback)."""
    if isinstance(cache, DatabaseCache):
        using = router.db_for_write(cache.cache_model_class)
        if connections[using].in_atomic_block:
            with transaction.atomic(using=using):
                return getattr(cache, method)(*args, **kwargs)
    return getattr(cache, method)(*args, **kwargs)


def _nothing(*args, **kwargs):
    return None


def _get_or_set_miss(key, default, timeout=None, version=None):
    return default() if callable(default) else default


_MISS_ANSWERS = {
    "get": lambda key, default=None, version=None: default,
    "get_many": lambda keys, version=None: {},
    "get_or_set": _get_or_set_miss,
    "has_key": lambda key, version=None: False,
    "add": lambda *args, **kwargs: False,
    "set_many": lambda data, timeout=None, version=None: list(data),
}


# The database cache's table (`manage.py createcachetable` makes it).
DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "peertalk_cache"}


def database_cache_settings():
    """CACHES for production without Redis: the database cache, behind FallbackCache so that
    when it fails (its table missing, SQLite busy) pages are served from this process's
    memory for a while instead of failing."""
    return {
        "default": {
            "BACKEND": "peertalk_site.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "database", "FALLBACK": "memory"},
        },
        "database": DATABASE_CACHE,
        "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def cache_settings(redis_url=None):
    """CACHES for settings: Redis behind FallbackCache when redis_url is given, else
    this process's memory. Either way the "database" alias exists, so
    createcachetable (run by `make migrate` and by the test database) makes its table."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "database": DATABASE_CACHE}
    return {
        "default": {
            "BACKEND": "peertalk_site.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database"},
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            # Give up quickly on a server that does not answer, rather than hold the request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "database": DATABASE_CACHE,
    }


def frontend_cache_settings(environ):
    """WAGTAILFRONTENDCACHE from the environment: Cloudflare when FRONTEND_CACHE_CLOUDFLARE_ZONEID
    and FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN are set, CloudFront when
    FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID is (it needs boto3); otherwise none."""
    backends = {}
    if environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
        if not environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"):
            raise ImproperlyConfigured(
                "FRONTEND_CACHE_CLOUDFLARE_ZONEID is set: set FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN too "
                "(a Cloudflare API token allowed to purge that zone's cache)."
            )
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            "BEARER_TOKEN": environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"],
        }
    if environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        if importlib.util.find_spec("boto3") is None:
            raise ImproperlyConfigured("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID is set: install boto3 to purge CloudFront.")
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends
