"""Two clients trickling uploads must not stop the site answering.

Starts gunicorn with the project's gunicorn.conf.py on a throwaway SQLite database,
opens two connections that announce a 1 MB form post and then send one byte a
second, and times GET / while they trickle. Prints the times; exits 1 if any GET
took longer than a second. `--sync` runs the old set-up (2 sync workers) to compare.

    .venv/bin/python bench/slow_clients.py [--sync]
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def trickle(port):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(
        b"POST /stories/share/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n"
        # A CSRF cookie, so Django reads the body to find the form's token (and waits for it).
        b"Cookie: csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF\r\n\r\n"
    )
    return sock


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sync", action="store_true", help="2 sync workers, as before gunicorn.conf.py")
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp()) / "slow.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_SETTINGS_MODULE": "peertalk_site.settings.dev",
           "GUNICORN_BIND": f"127.0.0.1:{PORT}"}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    command = [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", os.devnull]
    if args.sync:
        command += ["--worker-class", "sync", "--workers", "2", "--threads", "1"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        slow = [trickle(PORT), trickle(PORT)]
        times = []
        for second in range(5):
            for sock in slow:
                try:
                    sock.send(b"a")
                except OSError:  # the server gave up on it (a sync worker's WORKER TIMEOUT)
                    pass
            started = time.perf_counter()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=10).read()
                times.append(time.perf_counter() - started)
            except OSError:
                times.append(float("inf"))
            time.sleep(1)
        print("GET / while two uploads trickle:", ", ".join(f"{t:.3f}s" for t in times))
        for sock in slow:
            sock.close()
        return 0 if max(times) < 1 else 1
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
