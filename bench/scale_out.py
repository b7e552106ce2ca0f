"""Two web servers over one PostgreSQL and one Redis: a change published through one
is served by both at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peertalk_scale_out REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/scale_out.py

Creates the database if it is missing, migrates and seeds it, empties that Redis
database, and starts two gunicorn instances (production settings), A and B, on
free loopback ports. An event gets a draft: moved to next week under a new title.
Both servers serve the event page, the events listing, the home page, a search
and the calendar feed until each has them cached. Then an editor logs in to
server A's admin and publishes the draft there (Wagtail's bulk "Publish"), and
both servers are asked again at once: each address must show the new title, and
cached ones must not be served from before. Prints every check and exits 1 if
any failed. The servers are stopped by their PIDs; the editor account is deleted.
"""

import argparse
import html
import http.client
import os
import re
import secrets
import string
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import Gunicorn, manage, prepare_site, production_env  # noqa: E402

EVENT_SLUG = "peer-worker-network-meeting-june-2016"
EDITOR = "scale-out-check"
PREPARE_DRAFT_AND_EDITOR = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from events.models import EventPage
draft = EventPage.objects.get(slug={slug!r}).get_latest_revision_as_object()
draft.title = {title!r}
start = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
draft.start, draft.end = start, start + timedelta(hours=2)
draft.save_revision()
get_user_model().objects.filter(username={editor!r}).delete()
get_user_model().objects.create_superuser({editor!r}, "scale-out@example.org", {password!r})
print(draft.pk)
"""
DELETE_EDITOR = "from django.contrib.auth import get_user_model; get_user_model().objects.filter(username={editor!r}).delete()"


class Editor:
    """An editor's browser, as far as the admin needs one: cookies and CSRF tokens.
    (Cookies are kept by hand: production marks them Secure, and this is plain HTTP on loopback.)"""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response.status

    def post(self, path, **form):
        return self.request("POST", path, {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]})

    def log_in(self, username, password):
        self.request("GET", "/admin/login/")
        if self.post("/admin/login/", username=username, password=password, next="/admin/") != 302:
            raise RuntimeError("Could not log in to the admin")

    def publish(self, page_id):
        """Wagtail's bulk action "Publish": publishes the page's latest revision."""
        status = self.post(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/")
        if status != 302:
            raise RuntimeError(f"Publishing through the admin answered {status}")


def fetch(server, path):
    """(status, body, X-Page-Cache, ETag) for GET path."""
    try:
        with urllib.request.urlopen(server.base + path, timeout=30) as response:
            return response.status, response.read().decode(), response.headers.get("X-Page-Cache"), response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("X-Page-Cache"), error.headers.get("ETag")


def visible_text(body):
    """The words without the markup (search results highlight the words found)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


def served(status, cache_state):
    return f"{status} {cache_state or 'not cached'}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="PostgreSQL (default DATABASE_URL)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"), help="Redis (default REDIS_URL)")
    args = parser.parse_args()
    if not (args.database_url or "").startswith(("postgres://", "postgresql://")) or not args.redis_url:
        parser.error("give a PostgreSQL database (DATABASE_URL or --database-url) and a Redis (REDIS_URL or --redis-url)")

    token = "quokka" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    title = f"Peer worker network meeting {token}"
    checks = []
    with tempfile.TemporaryDirectory(prefix="peertalk-scale-out-") as workdir:
        env = production_env(args.database_url, args.redis_url)
        print(f"Preparing {args.database_url.split('@')[-1]} and {args.redis_url} (migrate, load_seed, collectstatic)...")
        prepare_site(env)
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
        password = secrets.token_urlsafe(16)
        page_id = manage(env, "shell", "-c", PREPARE_DRAFT_AND_EDITOR.format(
            slug=EVENT_SLUG, title=title, editor=EDITOR, password=password)).split()[-1]
        servers = []
        try:
            servers = [Gunicorn(env, workdir, name) for name in ("A", "B")]
            for server in servers:
                server.wait_until_ready()
                print(f"Server {server.name}: gunicorn PID {server.pid} on {server.base}")
            addresses = {
                "the event page": f"/events/{EVENT_SLUG}/",
                "the events listing": "/events/",
                "the home page (next events)": "/",
                "search results": f"/search/?q={token}",
                "the calendar feed": "/events/feed.ics",
            }
            before = {}
            for server in servers:
                for what, path in addresses.items():
                    fetch(server, path)
                    before[server.name, path] = fetch(server, path)  # the second is a cache hit where cacheable
            print(f"\nBoth servers have served (and cached) every address. An editor publishes '{title}' "
                  "through server A's admin...")
            editor = Editor(servers[0])
            editor.log_in(EDITOR, password)
            editor.publish(page_id)
            print("Published. Asking both servers at once:\n")
            print(f"{'server':<7}{'address':<54}{'before':<18}{'after':<18}{'new title shown':<16}")
            for server in reversed(servers):  # B first: the server the change was not made through
                for what, path in addresses.items():
                    status_before, body_before, cache_before, _ = before[server.name, path]
                    status, body, cache_state, _ = fetch(server, path)
                    # The whole title: a search page also repeats the words searched for.
                    shown = status == 200 and title in visible_text(body)
                    checks.append(shown and title not in visible_text(body_before))
                    print(f"{server.name:<7}{path[:52]:<54}{served(status_before, cache_before):<18}"
                          f"{served(status, cache_state):<18}{'yes' if shown else 'NO':<16}")
        finally:
            for server in servers:
                server.stop()
                print(f"Stopped server {server.name} (PID {server.pid}).")
            manage(env, "shell", "-c", DELETE_EDITOR.format(editor=EDITOR))
    passed = all(checks) and len(checks) == 10
    print(f"\n{sum(checks)} of {len(checks)} checks passed: " + ("the change was served at once by both servers."
                                                                if passed else "SOME ADDRESS SERVED THE OLD VERSION."))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
