"""Services directory benchmark (not a test): time and SQL queries for the index,
its filters and the Open Referral API with many services.

    .venv/bin/python bench/services.py [--services 1000] [--runs 20] [urls...]

Builds a throwaway SQLite database with the seed site plus N demo services, then
requests each URL through Django's test client (no network), so the figures
measure our code and queries, not a web server.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, seeded_site  # noqa: E402

URLS = [
    "/services/",
    "/services/?page=50",
    "/services/?audience=bereaved-parents&delivery=telephone",
    "/services/?audience=parents&topic=bereavement&type=peer-support-groups&delivery=face-to-face-group&area=camden",
    "/api/openreferral/services",
    "/api/openreferral/services?per_page=100&page=5",
    "/api/openreferral/services?search=parents",
    "/api/openreferral/services/{uuid}",
    "/api/openreferral/taxonomy_terms",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generated = seeded_site(Path(tmp) / "bench.sqlite3", services=args.services)
        print(f"Generated {args.services} demo services in {generated:.0f} s.")
        from django.test import Client

        from services.models import ServicePage

        total = ServicePage.objects.live().count()
        some = ServicePage.objects.live().order_by("pk").last()
        client = Client()
        print(f"{total} live services")
        print(f"{'url':<62}{'status':>7}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
        for url in args.urls or URLS:
            url = url.replace("{uuid}", str(some.uuid))
            status, p50, p95, queries = measure(client, url, args.runs)
            shown = url if len(url) <= 60 else url[:57] + "..."
            print(f"{shown:<62}{status:>7}{p50:>9.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
