"""Production settings, loaded the way gunicorn loads them: in a fresh process, from environment variables.

Each test starts `python` with DJANGO_SETTINGS_MODULE=peertalk_site.settings.production and a chosen
environment, and reads back the settings Django ended up with (or the error it refused to start with).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peertalk_site.email_url import parse_email_url

PROJECT = Path(__file__).resolve().parents[2]
REQUIRED = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "peertalk.example.org"}
# Variables that would change the outcome if the developer's shell happens to set them.
CLEARED = ["REDIS_URL", "CACHE_BACKEND", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME",
           "AWS_S3_CUSTOM_DOMAIN", "AWS_LOCATION", "AWS_QUERYSTRING_AUTH", "EMAIL_URL", "EMAIL_HOST", "EMAIL_PORT",
           "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL"]

READ_SETTINGS = """
import json
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "caches": {alias: conf["BACKEND"] for alias, conf in settings.CACHES.items()},
    "redis_location": settings.CACHES.get("redis", {}).get("LOCATION"),
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_class": type(storages["default"]).__name__,
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "email": {name: getattr(settings, name) for name in ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT",
              "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "EMAIL_USE_SSL"]},
}))
"""


def load_production(**env):
    """Run the production settings with REQUIRED plus `env`; returns (settings dict or None, stderr)."""
    environment = {name: value for name, value in os.environ.items() if name not in CLEARED}
    environment.update(REQUIRED, DJANGO_SETTINGS_MODULE="peertalk_site.settings.production", **env)
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=60
    )
    return (json.loads(result.stdout) if result.returncode == 0 else None), result.stderr


def test_refuses_to_start_without_a_shared_cache():
    loaded, error = load_production()
    assert loaded is None
    assert "ImproperlyConfigured" in error
    assert "set REDIS_URL" in error and "CACHE_BACKEND=database" in error


def test_refuses_an_unknown_cache_backend():
    loaded, error = load_production(CACHE_BACKEND="locmem")
    assert loaded is None
    assert "CACHE_BACKEND='locmem' is not one of" in error


def test_redis_url_gives_redis_behind_the_database_fallback():
    loaded, error = load_production(REDIS_URL="redis://cache.internal:6379/3")
    assert loaded, error
    assert loaded["caches"]["default"] == "peertalk_site.cache.FallbackCache"
    assert loaded["caches"]["redis"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["redis_location"] == "redis://cache.internal:6379/3"
    assert loaded["caches"]["database"] == "django.core.cache.backends.db.DatabaseCache"


def test_database_cache_when_asked_for_explicitly_behind_the_memory_fallback():
    loaded, error = load_production(CACHE_BACKEND="database")
    assert loaded, error
    assert loaded["caches"]["default"] == "peertalk_site.cache.FallbackCache"
    assert loaded["caches"]["database"] == "django.core.cache.backends.db.DatabaseCache"
    assert loaded["caches"]["memory"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "redis" not in loaded["caches"]


def test_media_stays_on_local_files_without_a_bucket():
    loaded, error = load_production(CACHE_BACKEND="database")
    assert loaded, error
    assert loaded["storage"] == "django.core.files.storage.FileSystemStorage"


def test_s3_storage_is_selected_when_a_bucket_is_set():
    loaded, error = load_production(
        CACHE_BACKEND="database",
        AWS_STORAGE_BUCKET_NAME="peertalk-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_CUSTOM_DOMAIN="media.peertalk.example.org",
        AWS_QUERYSTRING_AUTH="false",
    )
    assert loaded, error
    assert loaded["storage"] == "storages.backends.s3.S3Storage"
    assert loaded["storage_class"] == "S3Storage"  # django-storages and boto3 are installed and load
    options = loaded["storage_options"]
    assert options["bucket_name"] == "peertalk-media"
    assert options["endpoint_url"] == "https://objects.example.net"
    assert options["region_name"] == "eu-west-2"
    assert options["custom_domain"] == "media.peertalk.example.org"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False


def test_email_url_is_parsed_into_smtp_settings():
    loaded, error = load_production(CACHE_BACKEND="database", EMAIL_URL="smtp://mailer%40kcmind.org:p%40ss%3Aword@smtp.example.org:2525")
    assert loaded, error
    assert loaded["email"] == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer@kcmind.org",
        "EMAIL_HOST_PASSWORD": "p@ss:word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }


@pytest.mark.parametrize(
    "url, port, tls, ssl",
    [
        ("smtps://u:p@smtp.example.org", 465, False, True),
        ("smtp://u:p@smtp.example.org", 587, True, False),
        ("smtp://relay.internal:25?tls=false", 25, False, False),
    ],
)
def test_email_url_schemes_choose_ports_and_encryption(url, port, tls, ssl):
    email = parse_email_url(url)  # the function production.py calls: no process needed per case
    assert (email["EMAIL_PORT"], email["EMAIL_USE_TLS"], email["EMAIL_USE_SSL"]) == (port, tls, ssl)


def test_a_bad_email_url_is_refused_with_a_clear_message():
    loaded, error = load_production(CACHE_BACKEND="database", EMAIL_URL="mailto://someone@example.org")
    assert loaded is None
    assert "EMAIL_URL must start smtp:// or smtps://" in error


def test_separate_email_host_settings_still_work():
    loaded, error = load_production(CACHE_BACKEND="database", EMAIL_HOST="smtp.example.org", EMAIL_HOST_USER="me")
    assert loaded, error
    assert (loaded["email"]["EMAIL_HOST"], loaded["email"]["EMAIL_PORT"], loaded["email"]["EMAIL_USE_TLS"]) == (
        "smtp.example.org", 587, True,
    )
