"""Production: every secret and host comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from peertalk_site.cache import cache_settings, database_cache_settings
from peertalk_site.email_url import parse_email_url

from .base import *  # noqa: F401,F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# Each worker thread keeps its database connection between requests. Opening one per request
# cost more than answering a cached page: on SQLite 5-6 ms of CPU (the journal and sync
# PRAGMAs, Django's SQL functions registered, the file opened and closed) against under
# 1 ms for the rest of a page-cache hit; on PostgreSQL a new server process and its
# authentication each time. The health check notices a connection the server has closed
# (a PostgreSQL restart) before a request uses it. 2 workers x 8 threads keep up to 16.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin iframe, so frames stay
# SAMEORIGIN (not DENY); CSP frame-ancestors 'self' says the same.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
CSRF_COOKIE_SECURE = True

# --- Shared cache -------------------------------------------------------------
# Every worker must share one cache, or the share form's rate limit multiplies by
# the number of workers and cached search results drift between processes. Redis
# (REDIS_URL; base.py already put it behind FallbackCache) or, explicitly, the
# database cache. A per-process memory cache is refused.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "redis" if REDIS_URL else "").strip().lower()
if CACHE_BACKEND == "redis" and REDIS_URL:
    CACHES = cache_settings(REDIS_URL)
elif CACHE_BACKEND == "database":
    # `manage.py createcachetable` makes its table; if it fails, pages fall back to memory.
    CACHES = database_cache_settings()
else:
    raise ImproperlyConfigured(
        "Production needs a cache shared by every worker: set REDIS_URL (e.g. redis://127.0.0.1:6379/0), "
        "or set CACHE_BACKEND=database to use the database cache (run `manage.py createcachetable`)."
        + (f" CACHE_BACKEND={CACHE_BACKEND!r} is not one of: redis (with REDIS_URL), database." if CACHE_BACKEND else "")
    )

# --- Media (uploaded images and documents) ------------------------------------
# On S3-compatible object storage (AWS S3, Cloudflare R2, DigitalOcean Spaces,
# MinIO...) through django-storages when a bucket is named; local MEDIA_ROOT otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Signed, expiring links unless the bucket is public (e.g. behind a CDN domain).
            "querystring_auth": os.environ.get("AWS_QUERYSTRING_AUTH", "true").lower() == "true",
            # Never replace a file that has the same name: Wagtail keeps renditions by name.
            "file_overwrite": False,
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
        },
    }
    # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read from the environment by boto3.

# --- Outgoing mail (moderator notifications, test sends) ------------------------
# EMAIL_URL (smtp://user:password@host:587, smtps://... for port 465), or the
# separate EMAIL_HOST settings; with neither, mail is printed to the log.
if os.environ.get("EMAIL_URL"):
    globals().update(parse_email_url(os.environ["EMAIL_URL"]))
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = True
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
