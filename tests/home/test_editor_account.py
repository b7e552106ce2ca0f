import re

from django.contrib.auth import get_user_model
from django.core.management import call_command


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("ensure_editor", *args, stdout=out)
    return out.getvalue()


def password_in(output):
    match = re.search(r"password: (\S+)", output)
    return match and match.group(1)


def test_creates_an_editor_with_a_random_password_it_prints_once(db, client):
    first = password_in(run())
    assert first and len(first) >= 12
    assert password_in(run()) is None, "an existing account's password is never printed again"
    assert client.login(username="editor", password=first)
    assert client.get("/admin/").status_code == 200


def test_never_the_same_password_twice(db):
    passwords = {password_in(run("--reset-password")) for _ in range(5)}
    assert len(passwords) == 5 and None not in passwords
    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and user.is_active
