"""Login throttling for the Wagtail admin, by django-axes."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: after AXES_FAILURE_LIMIT
    wrong passwords for a username from one address, that pair is locked out for
    AXES_COOLOFF_TIME, right password or not.

    Logins over HTTP (Wagtail's login form, password reset) always pass the request.
    Code that checks a password without one (the test client, a shell) cannot be
    driven from outside, so it is not counted, instead of being refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """Sessions started by a login that went through this backend (the test client's
        login() records the first backend) load their user the ordinary way."""
        return ModelBackend().get_user(user_id)
