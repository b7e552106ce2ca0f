"""`manage.py backup_site` and `restore_site`: a backup of the seeded site, restored into an empty
database (a new SQLite file, or a new PostgreSQL database when the suite runs on PostgreSQL) and an
empty media folder, serves the June 2016 issue and the uploaded image again."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image as PILImage
from wagtail.images.models import Image

from home.models import NewsletterIssuePage

PROJECT = Path(__file__).resolve().parents[2]
ISSUE_TITLE = "#PeerTalk, June 2016"

CHECK_RESTORED_SITE = """
import hashlib, json, django
django.setup()
from django.test import Client
from wagtail.images.models import Image

from home.models import NewsletterIssuePage
response = Client().get("/issues/june-2016/", HTTP_HOST="localhost")
image = Image.objects.get(title="Backup test picture")
with image.file.open("rb") as stored:
    data = stored.read()
print(json.dumps({"status": response.status_code, "html": response.content.decode(),
                  "image_sha256": hashlib.sha256(data).hexdigest()}))
"""


def png_bytes():
    out = io.BytesIO()
    PILImage.new("RGB", (8, 6), (200, 30, 90)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def stored_image(django_db_setup, django_db_blocker):
    """An uploaded image, committed so pg_dump (another connection) sees it; deleted afterwards."""
    data = png_bytes()
    with django_db_blocker.unblock():
        image = Image.objects.create(title="Backup test picture", file=ImageFile(io.BytesIO(data), name="backup-test.png"))
        yield image, hashlib.sha256(data).hexdigest()
        image.delete()


def empty_database(tmp_path):
    """(DATABASE_URL of a new, empty database like the test one, a function that removes it)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    server = dict(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"],
                  password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True)

    def run(sql):
        with psycopg.connect(**server) as admin:
            admin.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    url = f"postgres://{settings['USER']}{password}@{server['host']}:{server['port']}/{name}"
    return url, lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_site(database_url, media_root, *args):
    """Run Python for the site in its own process against the given database and media folder."""
    env = {name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "CACHE_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="peertalk_site.settings.dev", DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    return subprocess.run([sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)


def test_a_backup_restores_into_an_empty_database_with_its_media(db, tmp_path, stored_image):
    image, image_sha256 = stored_image
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as backup:
        names = backup.getnames()
        manifest = json.load(backup.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    # Database-native copies, never dumpdata, on both databases here (pg_dump is installed).
    assert manifest["database"]["method"] == {"sqlite": "sqlite-backup-api", "postgresql": "pg_dump-custom"}[connection.vendor]
    assert manifest["database"]["file"] in names
    assert f"media/{image.file.name}" in names
    assert {"name": image.file.name, "sha256": image_sha256} in [
        {"name": entry["name"], "sha256": entry["sha256"]} for entry in manifest["media"]
    ]

    database_url, drop = empty_database(tmp_path)
    media_root = tmp_path / "restored-media"
    try:
        restored = run_site(database_url, media_root, "manage.py", "restore_site", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert (media_root / image.file.name).read_bytes() != b""

        checked = run_site(database_url, media_root, "-c", CHECK_RESTORED_SITE)
        assert checked.returncode == 0, checked.stderr
        site = json.loads(checked.stdout)
        assert site["status"] == 200
        assert ISSUE_TITLE in site["html"]
        assert site["image_sha256"] == image_sha256
    finally:
        drop()


def test_restore_refuses_a_database_that_already_holds_a_site(db, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds a site"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert NewsletterIssuePage.objects.get(slug="june-2016").title == ISSUE_TITLE


def test_restore_says_which_file_is_missing(db, tmp_path):
    missing = tmp_path / "nothing-here.tar.gz"
    with pytest.raises(CommandError, match="nothing-here.tar.gz"):
        call_command("restore_site", str(missing), stdout=io.StringIO())
