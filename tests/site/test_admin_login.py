"""The admin login is throttled (django-axes); Django's own admin is not exposed."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_wrong_passwords_lock_the_admin_login_even_for_the_right_password(django_user_model):
    django_user_model.objects.create_superuser("kim", "kim@example.org", "right-password-123")
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "kim", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post("/admin/login/", {"username": "kim", "password": "wrong"}).status_code == 429  # the fifth
    response = client.post("/admin/login/", {"username": "kim", "password": "right-password-123"})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in
    # Someone else, from another address, is not affected.
    other = Client(REMOTE_ADDR="192.0.2.9")
    response = other.post("/admin/login/", {"username": "kim", "password": "right-password-123"})
    assert response.status_code == 302 and other.get("/admin/").status_code == 200


def test_a_right_password_before_the_limit_logs_in_and_clears_the_count(django_user_model):
    django_user_model.objects.create_superuser("lee", "lee@example.org", "right-password-123")
    client = Client()
    for _ in range(4):
        client.post("/admin/login/", {"username": "lee", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "lee", "password": "right-password-123"}).status_code == 302


def test_djangos_own_admin_is_not_exposed(client):
    assert client.get("/django-admin/").status_code == 404
