"""SQLite for the test suite, starting each test database from a snapshot of the
migrated schema instead of running the migrations.

Running Wagtail's and our 210 migrations renders Django's model state hundreds of
times: about 20 s of CPU for each test worker, before any test runs. The schema
and data they produce only change when a migration file changes, so the result is
kept in `tests/migrated_sqlite/snapshot.json` with a key: a hash of every
migration file, INSTALLED_APPS and the Django version. A test database whose key
matches is built from the snapshot in well under a second; otherwise it is
migrated as usual and the snapshot rewritten (commit it with the migration).
The PostgreSQL run (`make test-postgres`) always runs the real migrations.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db.backends.sqlite3 import base, creation
from django.db.migrations.loader import MigrationLoader

SNAPSHOT = Path(__file__).with_name("snapshot.json")


def migrations_key():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(f"{django.__version__} {settings.INSTALLED_APPS}".encode())
    for key in sorted(loader.disk_migrations):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[loader.disk_migrations[key].__module__].__file__).read_bytes())
    return digest.hexdigest()


def dump(connection, leave_out=()):
    """Schema statements in creation order and every ordinary table's rows, but for the
    tables named in `leave_out` (and their indexes). Full-text (FTS5) tables are
    recreated by their CREATE VIRTUAL TABLE statement, so their shadow tables are left out."""
    cursor = connection.cursor()
    objects = cursor.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    virtual = [name for kind, name, table, sql in objects if sql.upper().startswith("CREATE VIRTUAL TABLE")]
    kept = [(kind, name, sql) for kind, name, table, sql in objects
            if table not in leave_out and not (kind == "table" and any(name.startswith(f"{v}_") for v in virtual))]
    tables = [name for kind, name, sql in kept if kind == "table" and name not in virtual] + ["sqlite_sequence"]
    rows = {table: [list(row) for row in cursor.execute(f'SELECT * FROM "{table}"')] for table in tables}
    return {
        "tables": [sql for kind, name, sql in kept if kind == "table"],
        "rows": rows,
        "later": [sql for kind, name, sql in kept if kind != "table"],  # indexes and triggers, after the rows
    }


def restore(connection, snapshot):
    # Rows go in table by table, so a row may name one not yet inserted.
    with connection.constraint_checks_disabled(), connection.cursor() as cursor:
        for sql in snapshot["tables"]:
            cursor.execute(sql)
        sequences = snapshot["rows"]["sqlite_sequence"]
        for table, rows in snapshot["rows"].items():
            if rows and table != "sqlite_sequence":
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        # The inserts above made sequence rows of their own: replace them with the originals.
        cursor.execute("DELETE FROM sqlite_sequence")
        cursor.executemany("INSERT INTO sqlite_sequence VALUES (%s, %s)", sequences)
        for sql in snapshot["later"]:
            cursor.execute(sql)
    connection.check_constraints()


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        key = migrations_key()
        snapshot = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}
        if snapshot.get("key") != key or keepdb or serialize:
            name = super().create_test_db(verbosity, autoclobber, serialize, keepdb)
            self._save_snapshot(key)
            return name
        name = self._get_test_db_name()
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        restore(self.connection, snapshot)
        call_command("createcachetable", database=self.connection.alias)
        return name

    def _save_snapshot(self, key):
        # The cache table is made by createcachetable (after each restore), not by a migration.
        cache_tables = {params["LOCATION"] for params in settings.CACHES.values() if params.get("LOCATION")}
        snapshot = {"key": key, **dump(self.connection, leave_out=cache_tables)}
        partial = SNAPSHOT.with_suffix(f".{os.getpid()}.tmp")
        # Dates come back from SQLite as datetimes; str() gives the text SQLite stored.
        partial.write_text(json.dumps(snapshot, separators=(",", ":"), sort_keys=True, default=str))
        os.replace(partial, SNAPSHOT)  # two workers writing at once each write a whole file


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
