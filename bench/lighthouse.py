"""Lighthouse benchmark (not a test): accessibility, best-practices and performance scores.

    npm install --prefix bench lighthouse@12.8.2     # once; lighthouse 13 needs Node 22
    .venv/bin/python bench/lighthouse.py [--runs 1] [--lighthouse PATH] [urls...]

Builds a throwaway SQLite database with the seed site, serves it from this process (DEBUG off,
static files through WhiteNoise, as in production) and runs the `lighthouse` npm package with
Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) against the home page, the seed issue,
the services directory and a search. Prints one row per page; with --runs N, each score is the
median of N runs. Lighthouse's performance score uses simulated mobile throttling, so it moves
between machines; compare runs on the same machine.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import seeded_site  # noqa: E402

PAGES = [("home", "/"), ("issue", "/issues/june-2016/"), ("services", "/services/"), ("search", "/search/?q=groups")]
CATEGORIES = ["accessibility", "best-practices", "performance"]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def find_lighthouse(given):
    for candidate in (given, Path(__file__).parent / "node_modules" / ".bin" / "lighthouse", shutil.which("lighthouse")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    sys.exit("lighthouse is not installed: npm install --prefix bench lighthouse@12.8.2 (or pass --lighthouse PATH)")


def serve():
    """Serve the Django site on a free local port from a background thread; returns its base URL."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_internal_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def scores(lighthouse, url, env):
    result = subprocess.run(
        [lighthouse, url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    if result.returncode:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--lighthouse", help="path to the lighthouse command")
    parser.add_argument("urls", nargs="*", help="paths to score instead of the four standard pages")
    args = parser.parse_args()
    lighthouse = find_lighthouse(args.lighthouse)
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    pages = [(path, path) for path in args.urls] or PAGES

    with tempfile.TemporaryDirectory() as tmp:
        seeded_site(Path(tmp) / "bench.sqlite3")
        base = serve()
        print(f"{'page':<10} {'URL':<22} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for name, path in pages:
            runs = [scores(lighthouse, base + path, env) for _ in range(args.runs)]
            row = [round(100 * statistics.median(run[c] for run in runs)) for c in CATEGORIES]
            print(f"{name:<10} {path:<22} " + " ".join(f"{value:>15}" for value in row), flush=True)


if __name__ == "__main__":
    main()
