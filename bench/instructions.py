"""Instructions per request (not a test): what a page costs, whatever else the machine is doing.

    .venv/bin/python bench/instructions.py [/issues/june-2016/ ...] [--requests 10]

CPU time per request moves with the machine's load by up to 2x on a shared machine, so
two versions measured minutes apart cannot be compared. Valgrind's callgrind counts the
instructions a process runs instead, the same on every run. For each address this starts
Python under callgrind twice, serving the page through Django's WSGI handler (production
settings, a new SQLite file with the seed site, the database cache, PAGE_CACHE_SECONDS=0 so
every request renders: a page cache miss) after 5 warm-up requests: once N more times and
once 2N more times. The difference divided by N is one request's instructions, start-up and
warm-up cancelled out. Each address takes 3-6 minutes (callgrind runs Python ~50x slower).
Needs valgrind (Debian's package). To compare two versions, run it in each checkout.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import prepare_site, production_env  # noqa: E402

WARM_UP = 5
# Run inside callgrind: serve `path` WARM_UP + n times through Django's WSGI handler.
SERVE = """
import io, sys
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
path, times = sys.argv[1], int(sys.argv[2])
app = WSGIHandler()
statuses = []
for _ in range(times):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path.partition("?")[0], "QUERY_STRING": path.partition("?")[2],
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(),
               "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr}
    b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
if set(statuses) != {"200 OK"}:
    sys.exit(f"{path} answered {sorted(set(statuses))}")
"""


def instructions(env, path, times, workdir):
    """Instructions callgrind counted for a process serving `path` `times` times."""
    out = Path(workdir) / "callgrind.out"
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", SERVE, path, str(times)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or not found:
        raise RuntimeError(f"callgrind failed for {path}:\n{result.stderr[-2000:]}")
    return int(found[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["/issues/june-2016/"])
    parser.add_argument("--requests", type=int, default=10, help="N: the two runs serve N and 2N requests")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        env = production_env(f"sqlite:///{workdir}/bench.sqlite3", PAGE_CACHE_SECONDS="0", PYTHONHASHSEED="0",
                             PYTHONPATH=str(ROOT))
        prepare_site(env)
        print(f"{'page':<40}{'instructions/request':>22}")
        for path in args.paths:
            fewer = instructions(env, path, WARM_UP + args.requests, workdir)
            more = instructions(env, path, WARM_UP + 2 * args.requests, workdir)
            print(f"{path:<40}{(more - fewer) / args.requests / 1e6:>20.1f} M", flush=True)


if __name__ == "__main__":
    main()
