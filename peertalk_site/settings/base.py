"""Settings shared by every environment. Environment files override, never repeat."""

import os
from pathlib import Path

import dj_database_url

from peertalk_site.cache import cache_settings, frontend_cache_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "events",
    "services",
    "stories",
    "search",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "peertalk_site.middleware.TrackingParametersMiddleware",
    # Answers anonymous GETs of public pages from the cache before sessions, auth,
    # CSRF and Wagtail run, and sets every response's Cache-Control (core/page_cache.py).
    "core.page_cache.PageCacheMiddleware",
    # Reads every Site, with its home page, in one query before a view runs (core/sites.py).
    "core.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "peertalk_site.middleware.ContentSecurityPolicyMiddleware",
    "peertalk_site.middleware.PermissionsPolicyMiddleware",
    "peertalk_site.middleware.NoStoreMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]
# bench/run sets this to read each response's SQL query count (X-Query-Count); never in production.
if os.environ.get("BENCH_QUERY_COUNT_HEADER") == "true":
    MIDDLEWARE.insert(0, "peertalk_site.middleware.QueryCountHeaderMiddleware")

# Admin login throttling (django-axes): 5 wrong passwords for one username from one
# address locks that pair out for an hour; a right password clears the count.
AUTHENTICATION_BACKENDS = [
    "peertalk_site.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_VERBOSE = False

ROOT_URLCONF = "peertalk_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "peertalk_site.wsgi.application"

# DATABASE_URL picks the database: SQLite by default, PostgreSQL in production
# (e.g. postgres://postgres@127.0.0.1:5432/peertalk).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: every search writes (the search terms report's daily hits), and in
    # SQLite's default rollback-journal mode each commit waited about 16 ms for the disk; with
    # the log, one sync of about 3 ms (measured here). Readers no longer wait for a writer.
    # synchronous=FULL keeps every commit on disk once it returns: NORMAL would save those 3 ms
    # but a power cut could then lose a story someone had just been told was sent.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: our queries are short, but a page query that joins every page type
    # (or a search ranked with sequential scans off) looks costly enough to the planner that it
    # compiled them first, 0.3-1.4 s a query, for queries that run in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# This process's memory, or Redis (REDIS_URL) with the database as its fallback
# when Redis cannot be reached (peertalk_site/cache.py).
CACHES = cache_settings(os.environ.get("REDIS_URL"))

# HTTP caching (core/page_cache.py). Public pages say how long browsers (max-age) and
# shared caches such as a CDN (s-maxage) may keep them, and how long a shared cache may
# serve a stale copy while it fetches a new one. Pages are kept in the cache above for
# PAGE_CACHE_SECONDS (0 turns the page cache off); publishing anything starts afresh.
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_S_MAXAGE = int(os.environ.get("HTTP_CACHE_S_MAXAGE", "300"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "60"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "default"
# A CDN to purge when pages are published (Cloudflare, CloudFront): only when configured.
WAGTAILFRONTENDCACHE = frontend_cache_settings(os.environ)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
# Uploaded files, when they are kept on local disk (production may use S3: see production.py).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1,000 form fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Wagtail
WAGTAIL_SITE_NAME = "#PeerTalk"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Search query logs keep the query text only; `manage.py searchpromotions_garbage_collect`
# removes daily hit counts older than this many days.
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_MODERATION_ENABLED = True
# Editors' avatars are never fetched from Gravatar: that would send a hash of their email to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "peertalk@localhost")

# Content Security Policy (django-csp). The public site runs no inline script or
# style; the Wagtail admin needs inline code, so it gets ADMIN_CONTENT_SECURITY_POLICY
# (see peertalk_site.middleware).
_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "frame-src": _EMBED_ORIGINS,
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-src 'self' " + " ".join(_EMBED_ORIGINS) + "; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)

# Powerful browser features no page of ours uses: nobody may use them (sent by
# PermissionsPolicyMiddleware). The video players get fullscreen and picture-in-picture.
PERMISSIONS_POLICY = {
    # Only features browsers recognise: an unknown one is a console error in Chromium.
    "accelerometer": [], "autoplay": [], "camera": [], "display-capture": [], "geolocation": [],
    "gyroscope": [], "magnetometer": [], "microphone": [], "midi": [], "payment": [],
    "publickey-credentials-get": [], "usb": [], "xr-spatial-tracking": [],
    "fullscreen": ["self"] + [f'"{origin}"' for origin in _EMBED_ORIGINS],
    "picture-in-picture": ["self"] + [f'"{origin}"' for origin in _EMBED_ORIGINS],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
