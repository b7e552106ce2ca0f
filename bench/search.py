"""Search benchmark (not a test): p50/p95 latency of 50 varied queries over 10,000 pages.

    .venv/bin/python bench/search.py                      # SQLite, then PostgreSQL if it answers
    .venv/bin/python bench/search.py --pages 2000 --only sqlite
    .venv/bin/python bench/search.py --postgres postgres://postgres@127.0.0.1:5432/peertalk_bench_search
    .venv/bin/python bench/search.py --sqlite /tmp/s.sqlite3 --reuse   # time again without rebuilding
    .venv/bin/python bench/search.py --sqlite /tmp/s.sqlite3 --reuse --beside-make-test   # while a fresh clone's make test runs

Each database is built from scratch (a temporary SQLite file; the PostgreSQL
database is dropped and created again), loaded with the seed site and N
generated pages whose text is drawn from the seed newsletter, then every query
goes through the real /search/ view with Django's test client (no network):
query analysis, synonym expansion, the backend search, type counts, snippets,
rendering and query logging all count. Each query is timed twice a pass: with
the results cache emptied first (the database ranks the matches afresh) and
again with its ranking cached; p95s are printed per query set with their
ratio, and this process's CPU time per search (steadier than wall time on
a busy machine) and the time it waited for a core. Then 20 prefixes go to
/search/autocomplete/, as the search box asks while someone types. Targets: p95 under 100 ms on both databases, and cold
p95 at most 2x cached p95. The load average is printed: the figures depend on
what else the machine is doing.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import p50_p95  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/peertalk_bench_search"
SCHEDSTAT = Path("/proc/thread-self/schedstat")
NO_SEARCH = "no search"  # Sample.query_set of the search page without a query

QUERY_SETS = {
    "judged": [  # the judged relevance set's vocabulary
        "video", "filming", "peer mentoring", "coaching", "facilitator", "one to one peer support", "PND",
        "postnatal depression", "post-natal depression", "LGBT", "twins", "stillbirth", "premature baby", "preterm",
        "bereaved parents", "grief", "single mums", "refugee children", "involuntary childlessness", "stigma",
        "emotional wellbeing", "mental illness", "real-life stories", "Elefriends", "Peerfest", "network meetings",
        "Exhibition Road", "screen reader", "cookies", "contact",
    ],
    "broad": [  # broad, long and multi-word
        "peer support", "peer support groups", "groups", "grouping", "parents", "mental health", "stress",
        "support for dads with PND in Kensington", "help for parents of a premature baby in hospital",
        "bereavement helpline staffed by volunteers",
    ],
    "odd": [  # crisis, zero results, odd input
        "suicidal", "kill myself", "xyzzy", "quokka axolotl", '"peer support" NEAR group*', "peer -support AND OR",
        "<script>alert(1)</script>", "心理健康", "😀 support", "a",
    ],
}
QUERIES = [query for queries in QUERY_SETS.values() for query in queries]
assert len(QUERIES) == 50
# What the search box's autocomplete asks for while someone types.
PREFIXES = ["p", "pe", "pee", "peer", "peer s", "peer sup", "men", "mental", "mental he", "gr", "gro", "group",
            "bere", "pnd", "post-n", "lgb", "twi", "still", "prem", "x"]


def seed_sentences():
    from core.seed import SEED_FILE

    text = re.sub(r"[#*\[\]()~_>`]|\t", " ", SEED_FILE.read_text(encoding="utf-8"))
    sentences = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+|\n{2,}", text)]
    return [s for s in sentences if len(s.split()) >= 5]


def generate(home, count, rng):
    """`count` live standard pages in one section under the home page (as a real
    site's pages sit in its sections: the navigation lists the home page's
    children), written in bulk and indexed in bulk.

    Page.save() (full_clean, reference index, revisions) costs ~50 ms a page; the
    benchmark is about searching, so rows go straight in: Page rows with treebeard
    paths, the StandardPage rows beside them, then the search index in batches.
    """
    import json
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage

    sentences = seed_sentences()
    content_type = ContentType.objects.get_for_model(StandardPage)
    section = home.add_child(instance=StandardPage(title="Library", slug="library"))
    last = section.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen:]) + 1) if last else 1
    now = timezone.now()
    with transaction.atomic():
        rows, extra = [], []
        for n in range(count):
            title = " ".join(rng.choice(sentences).split()[: rng.randint(3, 7)]).strip(".,;:'\"") + f" ({n})"
            slug = f"bench-{n}"
            rows.append(Page(
                title=title, draft_title=title, slug=slug, content_type=content_type, live=True,
                path=section.path + Page._get_path("", 1, first_step + n), depth=section.depth + 1, numchild=0,
                url_path=f"{section.url_path}{slug}/", locale_id=section.locale_id, translation_key=uuid.uuid4(),
                first_published_at=now, last_published_at=now,
            ))
            body = [{"type": "rich_text", "value": "".join(f"<p>{s}</p>" for s in rng.sample(sentences, rng.randint(4, 12))),
                     "id": str(uuid.uuid4())}]
            extra.append((rng.choice(sentences), json.dumps(body)))
        created = Page.objects.bulk_create(rows, batch_size=500)
        table = StandardPage._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, listing_summary, introduction, body) VALUES (%s, '', %s, %s)",
                [(page.pk, intro, body) for page, (intro, body) in zip(created, extra)],
            )
        Page.objects.filter(pk=section.pk).update(numchild=section.numchild + count)
    backend = get_search_backend()
    ids = [page.pk for page in created]
    for start in range(0, len(ids), 500):
        backend.add_bulk(StandardPage, list(StandardPage.objects.filter(pk__in=ids[start : start + 500])))


def build(pages, reuse=False):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peertalk_site.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from wagtail.models import Page

    if reuse and "wagtailcore_page" in connection_tables() and Page.objects.count() > pages:
        return 0.0  # --reuse: time the searches again on the database a previous run built

    call_command("migrate", verbosity=0)
    call_command("load_seed", stdout=open(os.devnull, "w"))  # indexed page by page, as on a real site
    # The generated pages are indexed in bulk after each batch instead of page by page through signals.
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**params, "AUTO_UPDATE": False} for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    from home.models import HomePage

    started = time.perf_counter()
    generate(HomePage.objects.get(), pages, random.Random(42))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics and GIN indexes' pending entries merged after the bulk load, as autovacuum would.
            cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def connection_tables():
    from django.db import connection

    return connection.introspection.table_names()


def percentiles(timings):
    """(p50, p95, max)."""
    return (*p50_p95(timings), max(timings))


class Sample(NamedTuple):
    """One timed search."""

    query_set: str
    cold: bool  # the results cache was emptied first: the database ranked the matches afresh
    wall: float  # ms
    cpu: float  # ms of this process's CPU (what competes for the cores)
    queued: float  # ms runnable but waiting for a core (Linux's schedstat)
    phase: str  # what make test was doing (--beside-make-test), else ""
    status: int


def measure(go_on, phase=lambda: ""):
    """Samples of every query, cold then cached, pass after pass while go_on(passes done).
    Cold empties the results cache before the search, so the database ranks its
    matches; cached repeats it with its ranking cached, as popular searches, paging
    and type filters do."""
    from django.test import Client

    from search.results_cache import forget_all

    client = Client(HTTP_HOST="localhost")

    def timed(name, cold, params):
        now = phase()  # read between requests, not during one
        started, started_cpu, started_queued = time.perf_counter(), time.process_time(), run_queue_ms()
        response = client.get("/search/", params)
        return Sample(name, cold, (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000,
                      run_queue_ms() - started_queued, now, response.status_code)

    samples, passes = [], 0
    while go_on(passes):
        for name, queries in QUERY_SETS.items():
            for query in queries:
                for cold in (True, False):
                    if cold:
                        forget_all()
                    samples.append(timed(name, cold, {"q": query}))
                # The yardstick: the same page with no search (its form, header and footer).
                samples.append(timed(NO_SEARCH, False, {}))
        passes += 1
    return samples


def warm_up():
    """One search of each query: per-process caches, the day's first search log rows."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for query in QUERIES:
        client.get("/search/", {"q": query})


def run_queue_ms():
    """Milliseconds this thread has so far spent ready to run but waiting for a core
    (the second field of /proc/thread-self/schedstat), or 0 where Linux does not say."""
    try:
        return int(SCHEDSTAT.read_text().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def measure_autocomplete(runs):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    timings, statuses = [], set()
    for _ in range(runs):
        for prefix in PREFIXES:
            started = time.perf_counter()
            statuses.add(client.get("/search/autocomplete/", {"q": prefix}).status_code)
            timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings), statuses


def searches(samples):
    """The samples that are searches, not the page with no search."""
    return [sample for sample in samples if sample.query_set != NO_SEARCH]


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def report(samples):
    """The p50/p95 table of `samples`: each query set, cold and cached, and their p95 ratio."""
    print(f"    {'query set':<22} {'cold p50':>9} {'cold p95':>9} {'cached p50':>11} {'cached p95':>11} {'p95 ratio':>10}")
    for name in [*QUERY_SETS, "all 50"]:
        chosen = [sample for sample in searches(samples) if name in (sample.query_set, "all 50")]
        cold = [sample.wall for sample in chosen if sample.cold]
        cached = [sample.wall for sample in chosen if not sample.cold]
        if not cold or not cached:
            continue
        (cold50, cold95), (warm50, warm95) = p50_p95(cold), p50_p95(cached)
        label = name if name == "all 50" else f"{name} ({len(QUERY_SETS[name])})"
        print(f"    {label:<22} {cold50:6.1f} ms {cold95:6.1f} ms {warm50:8.1f} ms "
              f"{warm95:8.1f} ms {cold95 / warm95:9.2f}x   ({len(cold)} searches each)", flush=True)
    for what, field in (("this process's CPU", "cpu"), ("waiting for a core", "queued")):
        (cold50, cold95), (warm50, warm95) = (p50_p95([getattr(sample, field) for sample in searches(samples) if sample.cold == cold])
                                              for cold in (True, False))
        print(f"    {what} per search (all 50): cold p50 {cold50:.1f} ms, p95 {cold95:.1f} ms; "
              f"cached p50 {warm50:.1f} ms, p95 {warm95:.1f} ms", flush=True)
    bare = [sample for sample in samples if sample.query_set == NO_SEARCH]
    if bare:
        (wall50, wall95), (_cpu50, cpu95) = p50_p95([s.wall for s in bare]), p50_p95([s.cpu for s in bare])
        print(f"    for comparison, the search page with no search ({len(bare)} times): p50 {wall50:.1f} ms, "
              f"p95 {wall95:.1f} ms (CPU p95 {cpu95:.1f} ms)", flush=True)


def run_one(database_url, label, pages, runs, reuse=False, beside_make_test=False):
    """In this process: build the database, time the queries, print the figures."""
    os.environ["DATABASE_URL"] = database_url
    built = build(pages, reuse)
    from wagtail.models import Page

    load = load_average()
    warm_up()
    if beside_make_test:
        return run_beside_make_test(label, Page.objects.live().count(), built)
    samples = measure(lambda passes: passes < runs)
    print(
        f"{label:<10} {Page.objects.live().count():>6} live pages (built in {built:.0f} s), "
        f"{len(QUERIES)} queries x {runs}, statuses {sorted({sample.status for sample in samples})}, "
        f"load average before {load}",
        flush=True,
    )
    report(samples)
    autocomplete, autocomplete_statuses = measure_autocomplete(runs)
    p50, p95, worst = autocomplete
    print(f"    autocomplete ({len(PREFIXES)} prefixes) p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {worst:6.1f} ms")
    if autocomplete_statuses != {200}:
        print(f"    autocomplete statuses {sorted(autocomplete_statuses)}", flush=True)
    print(f"    load average after {load_average()}", flush=True)


def run_beside_make_test(label, live_pages, built):
    """Time passes of the 50 queries for as long as a fresh clone's `make test` runs beside
    them, as CI runs it (its own .venv, in the same session as this process). Each search
    is put down to whether the suite had Chromium open (from a worker's first browser test
    until that worker ends) or not (installing, lint-imports, the tests before and after)."""
    with tempfile.TemporaryDirectory() as clone:
        subprocess.run(["git", "clone", "-q", str(ROOT), clone], check=True)
        log = Path(clone) / "make-test.log"
        started = time.perf_counter()
        with log.open("w") as output:
            make_test = subprocess.Popen(["make", "test"], cwd=clone, stdout=output, stderr=subprocess.STDOUT,
                                         env=environment_of_a_fresh_shell())
            samples = measure(lambda _passes: make_test.poll() is None, phase=make_test_phase)
        took = time.perf_counter() - started
        outcome = [line for line in log.read_text().splitlines() if " in " in line and ("passed" in line or "failed" in line)]
        if make_test.returncode:  # keep its output to read: the clone goes
            kept = Path(tempfile.gettempdir()) / f"bench-search-make-test-{label}.log"
            kept.write_text(log.read_text())
            outcome.append(f"make test failed, its output is in {kept}")
    print(
        f"{label:<10} {live_pages:>6} live pages (built in {built:.0f} s), "
        f"{len(searches(samples)) // 2} searches cold and cached "
        f"beside a fresh clone's make test ({took:.0f} s, exit {make_test.returncode}: "
        f"{'; '.join(line.strip('= ') for line in outcome[-2:]) if outcome else 'no summary'}), statuses {sorted({sample.status for sample in samples})}",
        flush=True,
    )
    for phase, title in (("", "the whole make test"), ("browser", "while make test had Chromium open (its browser tests)"),
                         ("other", "the rest of make test")):
        chosen = [sample for sample in samples if phase in ("", sample.phase)]
        print(f"  {title}: {len(searches(chosen)) // 2} searches")
        report(chosen)


def environment_of_a_fresh_shell():
    """This process's environment without what it set up for itself (the database to time,
    Django's settings), which the clone's make test would otherwise run its suite against."""
    return {name: value for name, value in os.environ.items() if name not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}


def make_test_phase():
    """"browser" while a Chromium process runs on this machine (make test's browser tests), else "other"."""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "chromium":
                return "browser"
        except OSError:
            continue
    return "other"


def fresh_postgres(url):
    """Drop and create the benchmark database; False if PostgreSQL does not answer."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.replace(parts.path, "/postgres")
    try:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"postgresql skipped: {error}".splitlines()[0])
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages on top of the seed site")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the 50 queries")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL URL (its database is recreated)")
    parser.add_argument("--sqlite", help="SQLite file to build (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true",
                        help="time again on databases a previous run built (with --sqlite), instead of rebuilding")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--beside-make-test", action="store_true",
                        help="instead of --runs passes, time passes for as long as a fresh clone's make test runs "
                             "(one make test per database; about 3 minutes each)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "LABEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_one(*args.child, args.pages, args.runs, args.reuse, args.beside_make_test)
    # One child process per database: Django's settings can be set up only once per process.
    command = [sys.executable, __file__, "--pages", str(args.pages), "--runs", str(args.runs)]
    command += ["--reuse"] if args.reuse else []
    command += ["--beside-make-test", "--child"] if args.beside_make_test else ["--child"]
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "sqlite"):
            path = args.sqlite or f"{tmp}/bench-search.sqlite3"
            if args.sqlite and not args.reuse:
                Path(path).unlink(missing_ok=True)
            subprocess.run([*command, f"sqlite:///{path}", "sqlite"], check=True)
    if args.only in (None, "postgresql") and (args.reuse or fresh_postgres(args.postgres)):
        subprocess.run([*command, args.postgres, "postgresql"], check=True)


if __name__ == "__main__":
    main()
