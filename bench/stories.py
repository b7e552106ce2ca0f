"""Stories benchmark (not a test): median/p95 time and SQL queries for the story pages,
and the time to store one "Share your story" submission.

    .venv/bin/python bench/stories.py [--stories 500] [--runs 30]

Builds a throwaway SQLite database with the seed site plus N demo stories and
requests pages through Django's test client (no network).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, p50_p95, seeded_site  # noqa: E402


def measure_submission(client, runs):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = {"name": "Bench", "email": "bench@example.org", "role": "received", "topics": ["single-parenting"],
            "story": "A story long enough to pass the length check.", "consent_health": "on", "consent_publish": "on"}
    timings = []
    for _ in range(runs):
        cache.clear()  # stay under the rate limit
        start = time.perf_counter()
        response = client.post("/stories/share/", data)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.post("/stories/share/", data)
    return (302, *p50_p95(timings), len(queries))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generated = seeded_site(Path(tmp) / "bench.sqlite3", stories=args.stories)
        from django.test import Client

        client = Client()
        print(f"{args.stories} demo stories generated in {generated:.1f} s")
        print(f"{'page':<58} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        urls = ["/stories/", "/stories/?page=5", "/stories/?topic=single-parenting&role=received",
                "/stories/?type=peer-support-groups", "/stories/not-alone-in-difficult-times/", "/stories/share/", "/"]
        for url in urls:
            status, median, p95, queries = measure(client, url, args.runs)
            print(f"GET {url:<54} {status:>6} {median:>10.1f} {p95:>8.1f} {queries:>8}")
        status, median, p95, queries = measure_submission(client, min(args.runs, 20))
        print(f"POST {'/stories/share/ (valid submission)':<53} {status:>6} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
