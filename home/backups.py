"""Whole-site backups: the database and every uploaded file, in one .tar.gz with a manifest.

The database is copied with its own tools, never re-created object by object: loading Wagtail's page
tree back through `loaddata` trips over treebeard paths and signal handlers. So:

- SQLite: the sqlite3 backup API (a consistent copy, even while the site runs);
- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`; if pg_dump is not installed,
  Django's `dumpdata` with natural keys as a last resort (restored with migrate + loaddata).

Media are read and written through Django's default storage, so a backup works the same with local
files and with S3-compatible storage. Layout of the archive:

    manifest.json          what is inside: format, database kind and method, migrations, files, checksums
    database.sqlite3 | database.pgdump | database.json
    media/<storage path>   every file in the default storage
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
DUMP_FILES = {"sqlite-backup-api": "database.sqlite3", "pg_dump-custom": "database.pgdump", "dumpdata-json": "database.json"}
# Rebuilt by the site itself; copying them would only restore stale sessions and cache rows.
DUMPDATA_EXCLUDE = ["contenttypes", "auth.permission", "sessions", "wagtailsearch", "wagtailcore.referenceindex"]


class BackupError(Exception):
    """Something the person running the command can act on; the message says what."""


# --- backup -------------------------------------------------------------------


def make_backup(output):
    """Write a backup of the default database and storage to `output` (.tar.gz); returns the manifest."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        method = dump_database(work)
        (work / "media").mkdir()
        files = copy_media_out(work / "media")
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "method": method, "file": DUMP_FILES[method]},
            "migrations": applied_migrations(),
            "media": files,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(output, "w:gz") as archive:
            for path in sorted(work.iterdir()):
                archive.add(path, arcname=path.name)
    return manifest


def dump_database(work):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(work / DUMP_FILES["sqlite-backup-api"])
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return "sqlite-backup-api"
    if connection.vendor == "postgresql" and shutil.which("pg_dump"):
        run_pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
               "--file", str(work / DUMP_FILES["pg_dump-custom"]), connection.settings_dict["NAME"])
        return "pg_dump-custom"
    with open(work / DUMP_FILES["dumpdata-json"], "w") as out:
        call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=DUMPDATA_EXCLUDE, stdout=out)
    return "dumpdata-json"


def applied_migrations():
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def storage_files(storage, folder=""):
    """Every file in the storage under `folder`, as storage names."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local MEDIA_ROOT that was never created: no media
        return []
    found = [f"{folder}/{name}" if folder else name for name in files]
    for name in folders:
        found += storage_files(storage, f"{folder}/{name}" if folder else name)
    return sorted(found)


def copy_media_out(target):
    storage = storages["default"]
    listed = []
    for name in storage_files(storage):
        with storage.open(name, "rb") as source:
            data = source.read()
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        listed.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return listed


# --- restore ------------------------------------------------------------------


def restore_backup(archive_path, replace=False):
    """Load a backup made by make_backup into the default database and storage; returns the manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # "data": no absolute paths, links or devices
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"This backup is format {manifest.get('format')}; this site reads format {FORMAT}.")
        if not replace and database_has_pages():
            raise BackupError("This database already holds a site. Restore into an empty database, "
                              "or pass --replace to overwrite it.")
        restore_database(work, manifest["database"], replace)
        copy_media_in(work / "media", manifest["media"])
    cache.clear()  # cached page addresses and search results describe the site that was replaced
    return manifest


def database_has_pages():
    if "wagtailcore_page" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        return cursor.fetchone()[0] > 0


def restore_database(work, database, replace):
    method, dump = database["method"], work / database["file"]
    if method in ("sqlite-backup-api", "pg_dump-custom") and database["vendor"] != connection.vendor:
        raise BackupError(f"This backup holds a {database['vendor']} database; the site is set up for "
                          f"{connection.vendor}. Point DATABASE_URL at a {database['vendor']} database.")
    if method == "sqlite-backup-api":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)  # replaces the whole database, tables and all
        finally:
            source.close()
    elif method == "pg_dump-custom":
        if not shutil.which("pg_restore"):
            raise BackupError("pg_restore is not installed (Debian: apt-get install postgresql-client).")
        connection.close()  # pg_restore needs the tables free of this process's locks
        clean = ["--clean", "--if-exists"] if replace else []
        run_pg("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *clean,
               "--dbname", connection.settings_dict["NAME"], str(dump))
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)


def copy_media_in(source, files):
    storage = storages["default"]
    for entry in files:
        data = (source / entry["name"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise BackupError(f"{entry['name']} in the backup is damaged (its checksum does not match).")
        if storage.exists(entry["name"]):
            storage.delete(entry["name"])
        saved = storage.save(entry["name"], ContentFile(data))
        if saved != entry["name"]:
            raise BackupError(f"The storage saved {entry['name']} as {saved}; the database refers to the first name.")


def run_pg(program, *args):
    """Run a PostgreSQL client program against the default database's server."""
    settings = connection.settings_dict
    command = [program]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [option, str(settings[key])]
    env = dict(os.environ, PGPASSWORD=settings.get("PASSWORD") or "")
    result = subprocess.run(command + list(args), env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
