"""Page-rendering benchmark (not a test): median/p95 time and SQL queries per page.

    .venv/bin/python bench/pages.py [--issues 200] [--runs 30]

Builds a throwaway SQLite database with the seed site plus demo issues, then
requests each public page through Django's test client (no network), so the
figures measure our code and queries, not a web server.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, seeded_site  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeded_site(Path(tmp) / "bench.sqlite3", issues=args.issues)
        from django.test import Client

        client = Client()
        urls = args.urls or ["/", "/issues/", "/issues/?page=2", "/issues/june-2016/", "/about/", "/issues/feed.xml"]
        print(f"{'page':<28}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'req/s':>8}")
        for url in urls:
            status, p50, p95, queries = measure(client, url, args.runs)
            print(f"{url:<28}{status:>7}{p50:>9.1f}{p95:>9.1f}{queries:>9}{1000 / p50:>8.0f}")


if __name__ == "__main__":
    main()
