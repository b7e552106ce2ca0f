"""gunicorn for the benchmarks: production settings on a free loopback port, its
workers' CPU time read from /proc, and stopped by its PID.

Used by bench/run.py and bench/scale_out.py (they put the project root on sys.path).
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, redis_url=None, **extra):
    """The environment a production deployment would give the site, on loopback, plain HTTP."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="peertalk_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        **extra,
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:  # production refuses to start without a shared cache: the documented fallback
        env["CACHE_BACKEND"] = "database"
    return env


def manage(env, *args):
    """Run `manage.py <args>` with this environment; returns its standard output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def create_database_if_missing(database_url):
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


def prepare_site(env):
    """Tables, the seed site and the static files production serves (WhiteNoise's manifest)."""
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        create_database_if_missing(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput")


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py (2 gthread workers x 8 threads unless
    GUNICORN_WORKERS/GUNICORN_THREADS say otherwise), bound to a free loopback port, with
    the access log off so it costs neither side of a comparison anything."""

    def __init__(self, env, workdir, name="gunicorn", **settings):
        """`settings` override gunicorn.conf.py's, e.g. max_requests=0 to keep the same workers."""
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = Path(workdir) / f"{name}.conf.py"
        config.write_text(
            f"exec(open({str(ROOT / 'gunicorn.conf.py')!r}).read())\n"
            f"bind = '127.0.0.1:{self.port}'\naccesslog = None\n"
            + "".join(f"{key} = {value!r}\n" for key, value in settings.items())
        )
        self.log_path = Path(workdir) / f"{name}.log"
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", str(config)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self.pid = self.process.pid

    def wait_until_ready(self, path="/robots.txt", seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {seconds} s:\n{self.log_path.read_text()[-3000:]}")

    def worker_pids(self):
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = _stat_fields(entry.name)
                except OSError:  # it ended meanwhile
                    continue
                if int(fields[1]) == self.pid:
                    pids.append(int(entry.name))
        return pids

    def cpu_seconds(self):
        """CPU time (user + system) of the workers so far, including workers already
        recycled (max_requests): their time is in the arbiter's reaped-children total."""
        ticks = 0
        for pid in self.worker_pids():
            try:
                fields = _stat_fields(pid)
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        arbiter = _stat_fields(self.pid)
        ticks += int(arbiter[13]) + int(arbiter[14])  # cutime, cstime
        return ticks / CLOCK_TICKS

    def errors_logged(self, characters=3000):
        """The end of the server's log from its first traceback on, or "" when there is none."""
        log = self.log_path.read_text()
        start = log.find("Traceback")
        return log[start:][-characters:] if start >= 0 else ""

    def stop(self):
        """SIGTERM to the arbiter by its PID (it stops its workers); SIGKILL if it lingers."""
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.process.wait(10)


def _stat_fields(pid):
    """/proc/<pid>/stat after the command name, so field 0 is the state:
    1 = ppid, 11/12 = utime/stime, 13/14 = cutime/cstime (proc(5) numbers minus 3)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2:].split()
