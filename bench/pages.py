"""Page-rendering benchmark (not a test): median/p95 time and SQL queries per page.

    .venv/bin/python bench/pages.py [--issues 200] [--runs 30]

Builds a throwaway SQLite database with the seed site plus demo issues, then
requests each public page through Django's test client (no network), so the
figures measure our code and queries, not a web server.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(db_path, issues):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peertalk_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("load_seed", stdout=open(os.devnull, "w"))
    if issues:
        call_command("generate_demo_content", issues=issues, stdout=open(os.devnull, "w"))


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches and template loading
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return response.status_code, statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp) / "bench.sqlite3", args.issues)
        from django.test import Client

        client = Client()
        urls = args.urls or ["/", "/issues/", "/issues/?page=2", "/issues/june-2016/", "/about/", "/issues/feed.xml"]
        print(f"{'page':<28}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'req/s':>8}")
        for url in urls:
            status, p50, p95, queries = measure(client, url, args.runs)
            print(f"{url:<28}{status:>7}{p50:>9.1f}{p95:>9.1f}{queries:>9}{1000 / p50:>8.0f}")


if __name__ == "__main__":
    main()
