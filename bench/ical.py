"""iCalendar feed benchmark (not a test): time and SQL queries for /events/feed.ics.

    .venv/bin/python bench/ical.py [--events 2000] [--runs 5]

Builds a throwaway SQLite database with the seed site, adds demo events in two
steps (a tenth, then the rest) and measures the whole feed after each step
through Django's test client, so the query count can be seen not to grow with
the number of events. Target: under 300 ms at 2,000 events.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import seeded_site  # noqa: E402


def add_events(count):
    """Demo events (generate() leaves them out of the reference index and indexes them for search in one batch)."""
    from events.demo import generate
    from home.models import HomePage

    generate(count, HomePage.objects.get())


def measure(runs, url="/events/feed.ics"):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as cold:
        first = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - first) * 1000
    assert response.status_code == 200, response.status_code
    cold_queries = len(cold)  # now: the next request clears Django's query log
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    warm_queries = len(warm)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    conditional = (time.perf_counter() - start) * 1000
    events = response.content.count(b"BEGIN:VEVENT")
    return {
        "events": events, "bytes": len(response.content), "first_ms": first,
        "median_ms": statistics.median(timings), "max_ms": max(timings), "queries": warm_queries, "cold_queries": cold_queries,
        "304_ms": conditional, "304_status": not_modified.status_code,
    }


def report(row):
    print(
        f"{row['events']:>5} events  {row['bytes'] / 1024:>5.0f} KiB | first request (serialises every VEVENT): "
        f"{row['first_ms']:>5.0f} ms, {row['cold_queries']} queries | after: median {row['median_ms']:>4.0f} ms, "
        f"max {row['max_ms']:>4.0f} ms, {row['queries']} queries | "
        f"conditional GET: {row['304_status']} in {row['304_ms']:.0f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeded_site(Path(tmp) / "bench.sqlite3")
        from django.test import Client

        Client().get("/robots.txt")  # load URLconf and middleware once, outside the figures
        first_step = max(1, args.events // 10)
        started = time.perf_counter()
        add_events(first_step)
        small = measure(args.runs)
        add_events(args.events - first_step)
        print(f"(built {args.events} demo events in {time.perf_counter() - started:.0f} s)")
        large = measure(args.runs)
        print("/events/feed.ics (whole-site feed, SQLite, Django test client):")
        report(small)
        report(large)
        grows = large["queries"] != small["queries"]
        print(f"Query count {'GROWS' if grows else 'does not grow'} with the number of events; "
              f"target under 300 ms: {'met' if large['median_ms'] < 300 else 'NOT met'} "
              f"(median {large['median_ms']:.0f} ms).")


if __name__ == "__main__":
    main()
