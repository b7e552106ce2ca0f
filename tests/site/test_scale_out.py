"""Scale-out: two gunicorn servers over one PostgreSQL and one Redis serve a change
published through one of them at once (bench/scale_out.py, run as it is).

Runs only where both are at hand and named: SCALE_OUT_DATABASE_URL (a PostgreSQL
database it may create and seed) and SCALE_OUT_REDIS_URL (a Redis database it empties).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.scale_out


def test_two_servers_serve_a_change_published_through_one_at_once():
    database, redis = os.environ.get("SCALE_OUT_DATABASE_URL"), os.environ.get("SCALE_OUT_REDIS_URL")
    if not (database and redis):
        pytest.skip("set SCALE_OUT_DATABASE_URL (PostgreSQL) and SCALE_OUT_REDIS_URL to run the scale-out check")
    result = subprocess.run(
        [sys.executable, "bench/scale_out.py", "--database-url", database, "--redis-url", redis],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "10 of 10 checks passed" in result.stdout, result.stdout
