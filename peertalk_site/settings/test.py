"""pytest: fast, deterministic, no network."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = cache_settings(None)  # noqa: F405 - never Redis in tests, whatever the environment says
# Serve static files straight from the app folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# On SQLite, each test database starts from a snapshot of the migrated schema
# rather than replaying every migration (see tests/migrated_sqlite/base.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.migrated_sqlite"  # noqa: F405
    # In memory, as Django's SQLite tests are by default (said outright, since pytest-django's
    # per-worker suffix would otherwise turn the name into a file for a backend it does not know).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
