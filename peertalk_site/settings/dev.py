"""Local development: `make run`."""

from .base import *  # noqa: F401,F403

DEBUG = True
# A development-only key; production.py refuses to start without SECRET_KEY set.
SECRET_KEY = "django-insecure-peertalk-local-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
