"""gunicorn settings for production: `gunicorn` in the project folder reads this file.

Threaded workers (gthread): a slow client holds one thread, not a whole worker, so
a couple of connections trickling an upload cannot stop the site answering. Run
it behind a buffering reverse proxy (nginx or Caddy, see the README), which reads
each request in full before passing it on: then slow clients never reach gunicorn.
Every value can be changed with an environment variable of the same name in capitals.
"""

import os

wsgi_app = "peertalk_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A worker that stops answering its arbiter this long is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Refuse oversized request lines and headers early.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Recycle workers now and then, so slow leaks never build up.
max_requests = 2000
max_requests_jitter = 200
# The proxy on this machine sets X-Forwarded-For/-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
