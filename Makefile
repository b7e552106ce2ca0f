# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/peertalk

# Let Python keep its bytecode cache even where the shell sets PYTHONDONTWRITEBYTECODE (these
# machines do): otherwise every test worker and subprocess compiles Django and Wagtail again,
# about 4 s of CPU each, and pytest rewrites every test module's asserts on every run.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run test test-postgres install migrate seed editor-password check-deploy backup restore bench clean

# pip installs uv (pinned), and uv installs the requirements: the same pinned
# packages from PyPI, in about 5 s instead of about 60 s with pip.
UV_VERSION := 0.13.9

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED)

# A development database from before the `core` app (migrations were regenerated)
# cannot be migrated: say so rather than half-migrate it.
migrate: install
	@if [ -z "$$DATABASE_URL" ] && [ -f db.sqlite3 ] && $(BIN)/python -c "import sqlite3, sys; \
	  sys.exit(not sqlite3.connect('db.sqlite3').execute(\"select 1 from sqlite_master where name='home_audience'\").fetchone())"; then \
	  echo "db.sqlite3 was made before the core app existed. Delete it once (rm db.sqlite3) and run make run again."; exit 1; fi
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py createcachetable

seed: migrate
	$(BIN)/python manage.py load_seed --if-empty

run: seed
	$(BIN)/python manage.py ensure_editor
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# lint-imports checks the app layers (see .importlinter). The suite runs on every core
# (pytest-xdist), each worker loading the seed site once; loadgroup keeps each
# tests/a11y module on one worker, so its browser and server are set up once.
test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The same suite against PostgreSQL (search stemming, Postgres-only SQL). loadgroup here too:
# without it both workers build the query budget's 100x content.
test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n auto --dist loadgroup -m "not browser"

editor-password: install
	$(BIN)/python manage.py ensure_editor --reset-password

# Production refuses to start without a shared cache: point it at Redis (db 7; nothing is written).
check-deploy: install
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/7} SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") ALLOWED_HOSTS=peertalk.example.org \
	DJANGO_SETTINGS_MODULE=peertalk_site.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

# Production settings through gunicorn: requests/s, latency, CPU and SQL per page, cache
# cold and warm, beside a static file; then 60 s at 32 connections (bench/run.py).
# DATABASE_URL / REDIS_URL are used when set.
bench: install
	bench/run

# The database and every uploaded file in one .tar.gz under backups/ (see README, "Backups").
backup: install
	$(BIN)/python manage.py backup_site

# make restore FILE=backups/peertalk-....tar.gz  (into an empty database; REPLACE=1 to overwrite one)
restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/peertalk-....tar.gz"; exit 1; }
	$(BIN)/python manage.py restore_site "$(FILE)" $(if $(REPLACE),--replace,)

clean:
	rm -rf $(VENV) .pytest_cache .test-media staticfiles
