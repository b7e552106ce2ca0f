"""What each public page costs through gunicorn with production settings, with the
page cache cold and warm, beside a static CSS file served by the same server.

    bench/run [--seconds 3] [--connections 4] [--mixed-seconds 60] [--mixed-connections 32]

The database is a new SQLite file in a temporary folder with the seed site, or
DATABASE_URL when it is set (migrated and seeded; load_seed changes nothing on a
second run). REDIS_URL, when set, is the cache; otherwise production settings keep
pages in the database cache (one query a hit) and everything else in each worker.

Three servers run one after the other on free loopback ports, each stopped by its PID:
- cache cold: PAGE_CACHE_SECONDS=0, so every request renders the page (what a miss
  costs; Wagtail's and search's own caches are warm, as they would be);
- cache warm: the production default, each page requested during the warm-up first.
Per page: requests/s and p50/p99 latency seen by the client (a Python load generator
on the same machine: for cheap responses it, not the server, sets requests/s), the
server's CPU per request (the gunicorn workers' user + system time from /proc) and
SQL queries per request (X-Query-Count, added when BENCH_QUERY_COUNT_HEADER=true).
The workers of these two are not recycled (max_requests=0), so a worker booting is not
counted against the page being measured. Then a third server, configured exactly as
gunicorn.conf.py says, takes a mixed run over every address at 32 connections, which
must end with 0 errors.
"""

import argparse
import os
import re
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import hammer  # noqa: E402
from bench.server import Gunicorn, prepare_site, production_env  # noqa: E402

PAGES = [
    ("home", "/"),
    ("issue", "/issues/june-2016/"),
    ("archive", "/issues/"),
    ("story", "/stories/not-alone-in-difficult-times/"),
    ("story index", "/stories/"),
    ("service", "/services/bliss/"),
    ("service index, filtered", "/services/?audience=parents&area=camden"),
    ("event", "/events/peer-support-training/"),
    ("event index", "/events/"),
    ("issues feed (Atom)", "/issues/feed.xml"),
    ("calendar feed (iCal)", "/events/feed.ics"),
    ("search", "/search/?q=support"),
]
MORE_FOR_THE_MIXED_RUN = [
    "/about/", "/contact/", "/services/", "/services/?topic=bereavement", "/stories/feed.xml", "/glossary/",
    "/events/past/", "/events/?audience=peer-workers", "/api/openreferral/services", "/sitemap.xml",
    "/search/?q=parents", "/search/?q=pnd", "/search/?q=groups&type=service", "/robots.txt",
]


def stylesheet_path(base):
    """The hashed address of the site's stylesheet, as the home page links it."""
    html = urllib.request.urlopen(base + "/", timeout=30).read().decode()
    return re.search(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"', html).group(1)


def measure(server, path, connections, seconds):
    before = server.cpu_seconds()
    result = hammer(server.port, [path], connections, seconds)
    cpu = server.cpu_seconds() - before
    return result, cpu * 1000 / max(result.requests, 1)


def warm_up(server, paths, connections):
    """Each path a few times on every connection: templates loaded, per-process caches
    filled (site root, settings) and, with the page cache on, every worker's copy stored."""
    hammer(server.port, paths, connections, seconds=120, requests=len(paths) * connections * 4)


def measure_pages(env, workdir, name, paths, args):
    """Each path (and the stylesheet) on its own. The workers are not recycled
    (max_requests=0) while measuring: booting a new one would be counted against
    whichever page was being measured."""
    server = Gunicorn(env, workdir, name, max_requests=0).wait_until_ready()
    try:
        css = stylesheet_path(server.base)
        warm_up(server, [*paths, css], args.connections)
        return {path: measure(server, path, args.connections, args.seconds) for path in [*paths, css]}, css
    finally:
        server.stop()
        report_server_errors(server)


def mixed_run(env, workdir, paths, args):
    """Every address in turn on many connections, with gunicorn.conf.py as production
    runs it (workers recycled after max_requests)."""
    server = Gunicorn(env, workdir, "mixed").wait_until_ready()
    try:
        everything = [*paths, *MORE_FOR_THE_MIXED_RUN, stylesheet_path(server.base)]
        warm_up(server, everything, args.connections)
        return hammer(server.port, everything, args.mixed_connections, args.mixed_seconds)
    finally:
        server.stop()
        report_server_errors(server)


def report_server_errors(server):
    errors = server.errors_logged()
    if errors:
        print(f"\nThe {server.name} server logged errors (the last of them):\n{errors}")


def cells(result, cpu_ms):
    errors = "" if not result.errors else f" ({result.errors} errors)"
    return (f"{result.per_second:>7.0f} {result.percentile(0.5):>7.1f} {result.percentile(0.99):>7.1f} "
            f"{cpu_ms:>7.2f} {result.queries / max(result.requests, 1):>5.1f}{errors}")


def print_table(cold, warm, css):
    static_cpu = warm[css][1]
    print()
    print(f"{'':<26}{'cache cold (page cache off)':^40}  {'cache warm':^40}")
    heading = f"{'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms':>7} {'SQL':>5}"
    print(f"{'page':<26}{heading}    {heading}  {'hits':>5} {'CPU ÷ CSS':>9}")
    for label, path in [*PAGES, ("static CSS (reference)", css)]:
        warm_result, warm_cpu = warm[path]
        hits = f"{100 * warm_result.hits / max(warm_result.requests, 1):>4.0f}%"
        print(f"{label:<26}{cells(*cold[path])}    {cells(warm_result, warm_cpu)}  {hits} {warm_cpu / static_cpu:>8.1f}x")
    for result, _cpu in [*cold.values(), *warm.values()]:
        for sample in result.error_samples:
            print("   error:", sample)


def print_mixed(mixed, connections):
    print(
        f"\nMixed run: {mixed.requests} requests over {len(MORE_FOR_THE_MIXED_RUN) + len(PAGES) + 1} addresses, "
        f"{connections} connections, {mixed.seconds:.0f} s: {mixed.per_second:.0f} req/s, "
        f"p50 {mixed.percentile(0.5):.1f} ms, p99 {mixed.percentile(0.99):.1f} ms, "
        f"statuses {dict(sorted(mixed.statuses.items()))}, "
        f"GETs retried once after the server closed their connection (worker recycling) {mixed.retries}"
    )
    print(f"ERRORS: {mixed.errors}")
    for sample in mixed.error_samples:
        print("  ", sample)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3, help="how long each page is measured (default 3)")
    parser.add_argument("--connections", type=int, default=4, help="connections while measuring each page (default 4)")
    parser.add_argument("--mixed-seconds", type=float, default=60, help="length of the mixed run; 0 skips it")
    parser.add_argument("--mixed-connections", type=int, default=32)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="peertalk-bench-") as workdir:
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
        redis_url = os.environ.get("REDIS_URL")
        env = production_env(database_url, redis_url, BENCH_QUERY_COUNT_HEADER="true")
        print(f"Preparing {database_url.split('@')[-1]} (migrate, load_seed, collectstatic)...", flush=True)
        prepare_site(env)
        paths = [path for _label, path in PAGES]
        print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start. "
              f"Cache: {'Redis ' + redis_url if redis_url else 'pages in the database cache (no REDIS_URL)'}. "
              f"gunicorn: {env.get('GUNICORN_WORKERS', '2')} workers x {env.get('GUNICORN_THREADS', '8')} threads.",
              flush=True)
        cold, css = measure_pages({**env, "PAGE_CACHE_SECONDS": "0"}, workdir, "cold", paths, args)
        warm, css = measure_pages(env, workdir, "warm", paths, args)
        mixed = mixed_run(env, workdir, paths, args) if args.mixed_seconds else None
        print_table(cold, warm, css)
        print(f"\n{args.connections} connections, {args.seconds:g} s per page; CPU = gunicorn workers' user+system "
              f"time per request; SQL = queries per request; load average {os.getloadavg()[0]:.2f} at the end.")
        if mixed:
            print_mixed(mixed, args.mixed_connections)
            return 1 if mixed.errors else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
