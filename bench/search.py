"""Search benchmark (not a test): p50/p95 latency of 50 varied queries over 10,000 pages.

    .venv/bin/python bench/search.py                      # SQLite, then PostgreSQL if it answers
    .venv/bin/python bench/search.py --pages 2000 --only sqlite
    .venv/bin/python bench/search.py --postgres postgres://postgres@127.0.0.1:5432/peertalk_bench_search
    .venv/bin/python bench/search.py --sqlite /tmp/s.sqlite3 --reuse   # time again without rebuilding

Each database is built from scratch (a temporary SQLite file; the PostgreSQL
database is dropped and created again), loaded with the seed site and N
generated pages whose text is drawn from the seed newsletter, then every query
goes through the real /search/ view with Django's test client (no network):
query analysis, synonym expansion, the backend search, type counts, snippets,
rendering and query logging all count. Each query is timed twice a pass: with
the results cache emptied first (the database ranks the matches afresh) and
again with its ranking cached; p95s are printed per query set with their
ratio, and this process's CPU time per search (steadier than wall time on
a busy machine). Then 20 prefixes go to /search/autocomplete/, as the search box asks
while someone types. Targets: p95 under 100 ms on both databases, and cold
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import p50_p95  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/peertalk_bench_search"

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


def measure(runs):
    """{query set: (cold timings, warm timings)}, statuses: cold empties the
    results cache before every search, so each one ranks its matches in the
    database; warm repeats searches whose ranking is cached, as popular
    searches, paging and type filters do."""
    from django.test import Client

    from search.results_cache import forget_all

    client = Client(HTTP_HOST="localhost")
    timings, statuses = {name: ([], []) for name in QUERY_SETS}, set()
    cpu = ([], [])  # this process's CPU time per search (what competes for the cores), cold and cached
    for query in QUERIES:
        client.get("/search/", {"q": query})  # warm-up: per-process caches, first log row
    for _ in range(runs):
        for name, queries in QUERY_SETS.items():
            for query in queries:
                for cold in (True, False):
                    if cold:
                        forget_all()
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get("/search/", {"q": query})
                    timings[name][0 if cold else 1].append((time.perf_counter() - started) * 1000)
                    cpu[0 if cold else 1].append((time.process_time() - started_cpu) * 1000)
                    statuses.add(response.status_code)
    return timings, statuses, cpu


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


def run_one(database_url, label, pages, runs, reuse=False):
    """In this process: build the database, time the queries, print one line."""
    os.environ["DATABASE_URL"] = database_url
    built = build(pages, reuse)
    from wagtail.models import Page

    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    timings, statuses, cpu = measure(runs)
    print(
        f"{label:<10} {Page.objects.live().count():>6} live pages (built in {built:.0f} s), "
        f"{len(QUERIES)} queries x {runs}, statuses {sorted(statuses)}, load average before {' '.join(load)}",
        flush=True,
    )
    print(f"    {'query set':<22} {'cold p50':>9} {'cold p95':>9} {'cached p50':>11} {'cached p95':>11} {'p95 ratio':>10}")
    every = ([], [])
    for name, (cold, warm) in [*timings.items(), ("all 50", every)]:
        if name != "all 50":
            every[0].extend(cold), every[1].extend(warm)
        (cold50, cold95), (warm50, warm95) = p50_p95(cold), p50_p95(warm)
        print(f"    {name + f' ({len(cold) // runs})':<22} {cold50:6.1f} ms {cold95:6.1f} ms {warm50:8.1f} ms "
              f"{warm95:8.1f} ms {cold95 / warm95:9.2f}x", flush=True)
    (cold50, cold95), (warm50, warm95) = p50_p95(cpu[0]), p50_p95(cpu[1])
    print(f"    this process's CPU per search (all 50): cold p50 {cold50:.1f} ms, p95 {cold95:.1f} ms; "
          f"cached p50 {warm50:.1f} ms, p95 {warm95:.1f} ms", flush=True)
    autocomplete, autocomplete_statuses = measure_autocomplete(runs)
    p50, p95, worst = autocomplete
    print(f"    autocomplete ({len(PREFIXES)} prefixes) p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {worst:6.1f} ms")
    if autocomplete_statuses != {200}:
        print(f"    autocomplete statuses {sorted(autocomplete_statuses)}", flush=True)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    print(f"    load average after {' '.join(load)}", flush=True)


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
    parser.add_argument("--child", nargs=2, metavar=("URL", "LABEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_one(*args.child, args.pages, args.runs, args.reuse)
    # One child process per database: Django's settings can be set up only once per process.
    command = [sys.executable, __file__, "--pages", str(args.pages), "--runs", str(args.runs)]
    command += ["--reuse", "--child"] if args.reuse else ["--child"]
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
