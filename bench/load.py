"""A small HTTP load generator: threads, each with its own keep-alive connection
(http.client), requesting a list of paths in turn. `wrk` is not needed.

A GET whose connection the server closed before the whole answer arrived (gunicorn
recycling a worker after max_requests drops the keep-alive connections it holds,
even one a request was just sent on) is sent once more on a new connection, as
RFC 9110 (9.2.2) lets a client do for an idempotent request and as nginx in front
would; that is counted as a retry. Anything else that fails (no answer on the
retry, a status other than 200) is an error.
"""

import http.client
import threading
import time
from dataclasses import dataclass, field

CLOSED_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.BadStatusLine)


@dataclass
class Result:
    requests: int = 0
    errors: int = 0
    retries: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    queries: int = 0
    statuses: dict = field(default_factory=dict)
    hits: int = 0
    error_samples: list = field(default_factory=list)

    def percentile(self, fraction):
        ordered = sorted(self.latencies)
        return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)] * 1000 if ordered else float("nan")

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0


class _Worker(threading.Thread):
    def __init__(self, port, paths, offset, headers, until, budget, result, lock):
        super().__init__(daemon=True)
        self.port, self.paths, self.offset, self.headers = port, paths, offset, headers
        self.until, self.budget, self.result, self.lock = until, budget, result, lock
        self.connection = None

    def _connect(self):
        if self.connection:
            self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _get(self, path):
        if self.connection is None:
            self._connect()
        try:
            response = self._exchange(path)
        except CLOSED_CONNECTION:
            with self.lock:
                self.result.retries += 1
            self._connect()
            response = self._exchange(path)
        if response.getheader("Connection", "").lower() == "close":
            self._connect()
        return response

    def _exchange(self, path):
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        response.read()
        return response

    def _take_turn(self):
        with self.lock:
            if self.budget is not None and self.result.requests >= self.budget:
                return False
            self.result.requests += 1
            return True

    def run(self):
        n = self.offset
        while time.monotonic() < self.until and self._take_turn():
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.perf_counter()
            try:
                response = self._get(path)
            except (OSError, http.client.HTTPException) as error:
                self._record_error(path, repr(error))
                self.connection = None
                continue
            elapsed = time.perf_counter() - started
            with self.lock:
                self.result.latencies.append(elapsed)
                self.result.statuses[response.status] = self.result.statuses.get(response.status, 0) + 1
                self.result.queries += int(response.getheader("X-Query-Count") or 0)
                self.result.hits += response.getheader("X-Page-Cache") == "hit"
            if response.status != 200:
                self._record_error(path, f"HTTP {response.status}")

    def _record_error(self, path, what):
        with self.lock:
            self.result.errors += 1
            if len(self.result.error_samples) < 5:
                self.result.error_samples.append(f"{path}: {what}")


def hammer(port, paths, connections, seconds, requests=None, headers=None):
    """GET `paths` in turn over `connections` keep-alive connections for `seconds`
    (or until `requests` have been sent)."""
    result, lock = Result(), threading.Lock()
    started = time.perf_counter()
    until = time.monotonic() + seconds
    workers = [
        _Worker(port, paths, offset, headers or {}, until, requests, result, lock) for offset in range(connections)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.perf_counter() - started
    for worker in workers:
        if worker.connection:
            worker.connection.close()
    return result
