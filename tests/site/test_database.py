"""How the site's database connections are set up, checked on the database the suite runs on."""

import pytest
from django.db import connection
from django.db.backends.sqlite3 import base as sqlite_base


def test_postgresql_sessions_never_jit_compile_a_query(db):
    """A page query joining every page type looked costly enough for PostgreSQL to compile it
    first: 0.3-1.4 s, for queries that run in milliseconds."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (make test-postgres)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_sqlite_keeps_a_write_ahead_log_and_syncs_every_commit(tmp_path, settings, django_db_blocker):
    """A connection made with the site's SQLite settings, to a database file (the test database
    itself is in memory, where SQLite keeps no log)."""
    configured = settings.DATABASES["default"]
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    wrapper = sqlite_base.DatabaseWrapper({**configured, "NAME": str(tmp_path / "site.sqlite3")}, alias="file_check")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        wrapper.close()
