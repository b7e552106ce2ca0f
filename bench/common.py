"""What the page benchmarks share: a throwaway seeded database and a timed GET.

Each script puts the project root on sys.path and imports this as bench.common.
"""

import os
import statistics
import time


def seeded_site(db_path, **demo):
    """Set Django up on a new SQLite file at `db_path` with the seed site, plus
    generate_demo_content(**demo) when asked. Returns the seconds the demo content took."""
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peertalk_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # moderator notices stay in memory
    call_command("migrate", verbosity=0)
    call_command("load_seed", stdout=open(os.devnull, "w"))
    started = time.perf_counter()
    if any(demo.values()):
        call_command("generate_demo_content", **demo, stdout=open(os.devnull, "w"))
    return time.perf_counter() - started


def p50_p95(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def measure(client, url, runs):
    """(status, p50 ms, p95 ms, SQL queries) for GET url, after one warm-up request."""
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
    return (response.status_code, *p50_p95(timings), len(queries))
